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
        case .startDate:
            guard Timestamps.isCalendarDate(value) else { throw fail() }
            guard value >= "1970-01-01" else { throw fail("before 1970") }
            return value
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
