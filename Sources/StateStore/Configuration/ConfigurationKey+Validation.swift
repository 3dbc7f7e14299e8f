import Foundation

extension ConfigurationKey {
    /// Checks `raw` and returns the value in the form it is stored (trimmed; symbols upper-cased;
    /// URLs without a trailing slash).
    /// - Parameter origin: where the value came from, named in the error's fix.
    public func validate(_ raw: String, origin: String = "cli") throws(ConfigurationError) -> String {
        let value = raw.trimmingCharacters(in: .whitespaces)
        func fail(_ reason: String? = nil) -> ConfigurationError { .invalid(self, raw, origin: origin, reason: reason) }
        switch self {
        case .apiVersion:
            guard value == "v3" || value == "v2" else { throw fail() }
            return value
        case .baseURL:
            return try Self.validateURL(value, fail: fail)
        case .maxConcurrentRequests:
            guard let n = Int(value), Self.concurrencyRange.contains(n) else { throw fail() }
            return String(n)
        case .requestTimeoutSeconds:
            guard let n = Int(value), Self.timeoutRange.contains(n) else { throw fail() }
            return String(n)
        case .startDate, .historyStart:
            guard Timestamps.isCalendarDate(value) else { throw fail() }
            guard value >= "1970-01-01" else { throw fail("before 1970") }
            return value
        case .qualityMinGrade:
            let grade = value.uppercased()
            guard grade == "OFF" || ["A", "B", "C", "D"].contains(grade) else { throw fail() }
            return grade == "OFF" ? "off" : grade
        case .qualityUnderlyingMove:
            guard let n = Double(value), n.isFinite, n > 0, n <= 1 else { throw fail() }
            return value
        case .qualitySpreadToMedian, .qualityRowCountRatio:
            guard let n = Double(value), n.isFinite, n > 1 else { throw fail() }
            return value
        case .qualityModifiedZ, .qualitySpikeDeviations:
            guard let n = Double(value), n.isFinite, n > 0 else { throw fail() }
            return value
        case .qualityHistory, .qualitySpikeWindow:
            guard let n = Int(value), (3...1000).contains(n) else { throw fail() }
            return String(n)
        case .qualityStaleUnderlyingSeconds:
            guard let n = Int(value), (1...86_400).contains(n) else { throw fail() }
            return String(n)
        case .qualityFunnelMinDays:
            guard let n = Int(value), (0...3650).contains(n) else { throw fail() }
            return String(n)
        case .qualityIVFunnelRange, .qualityIVPlausibleRange, .qualityFunnelMoneyness:
            guard Self.range(value) != nil else { throw fail() }
            return value
        case .format:
            let format = value.lowercased()
            guard ["csv", "ndjson", "json"].contains(format) else { throw fail() }
            return format
        case .subscription:
            guard let tier = SubscriptionTier(rawValue: value.lowercased()) else { throw fail() }
            return tier.rawValue
        case .availableAfter:
            guard let minutes = Self.minutesOfDay(value) else { throw fail() }
            // Before the regular close the data cannot exist yet.
            guard minutes >= 16 * 60 else { throw fail("before the 16:00 close") }
            return String(format: "%02d:%02d", minutes / 60, minutes % 60)
        case .outputDirectory, .tempDirectory, .databasePath:
            guard !value.isEmpty else { throw fail("empty") }
            guard !value.contains("\0") else { throw fail("contains a NUL byte") }
            return value
        case .symbols:
            let symbols = value.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
            for symbol in symbols {
                guard (1...10).contains(symbol.count),
                      symbol.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") })
                else { throw fail(symbol.isEmpty ? "empty symbol" : "bad symbol '\(symbol)'") }
            }
            guard Set(symbols).count == symbols.count else { throw fail("a symbol is listed twice") }
            return symbols.joined(separator: ",")
        case .dataset:
            guard Self.datasets.contains(value) else { throw fail() }
            return value
        case .interval:
            guard Self.intervals.contains(value) else { throw fail() }
            return value
        case .minFreeDiskGB:
            guard let n = Double(value), n.isFinite, n >= 0 else { throw fail() }
            return value
        case .maxRetries:
            guard let n = Int(value), (0...100).contains(n) else { throw fail() }
            return String(n)
        }
    }

    /// Why `format` cannot be asked of a Terminal of `apiVersion`, or nil. v3 answers JSON in
    /// a shape that depends on the account (grouped by contract for accounts created after
    /// 2025-10-31, columnar before), so the client never asks v3 for it; v2 has no NDJSON.
    static func formatProblem(_ format: String, apiVersion: String) -> String? {
        switch (apiVersion, format) {
        case ("v3", "json"):
            "API v3 answers JSON in a shape that depends on the account (grouped by contract for accounts created after "
                + "2025-10-31, columnar before); use csv (the default) or ndjson"
        case ("v2", "ndjson"): "API v2 has no NDJSON; use json (the default) or csv"
        default: nil
        }
    }

    /// `LOW-HIGH` as two numbers, both at or above 0 and LOW below HIGH; nil otherwise.
    public static func range(_ text: String) -> (low: Double, high: Double)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]), low.isFinite, high.isFinite,
              low >= 0, low < high else { return nil }
        return (low, high)
    }

    /// `HH:MM` as minutes since midnight, or nil.
    static func minutesOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return h * 60 + m
    }

    private static func validateURL(
        _ value: String, fail: (String?) -> ConfigurationError
    ) throws(ConfigurationError) -> String {
        var text = value
        while text.hasSuffix("/") { text.removeLast() }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased()
        else { throw fail("not a URL") }
        guard scheme == "http" || scheme == "https" else { throw fail("scheme must be http") }
        guard let host = components.host, !host.isEmpty else { throw fail("no host") }
        guard components.port != nil else { throw fail("no port") }
        guard components.path.isEmpty, components.query == nil, components.fragment == nil
        else { throw fail("no path, query or fragment allowed") }
        return text
    }
}
