/// Where a configuration value came from, strongest last.
public enum ConfigurationSource: String, Sendable, Codable, Comparable {
    case `default`, stored, env, flag

    private var rank: Int {
        switch self { case .default: 0; case .stored: 1; case .env: 2; case .flag: 3 }
    }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// One key's effective value and its origin.
public struct ResolvedValue: Sendable, Equatable {
    public var key: ConfigurationKey
    /// Valid and normalised, except for a required key without a value, which is "".
    public var value: String
    public var source: ConfigurationSource

    public init(key: ConfigurationKey, value: String, source: ConfigurationSource) {
        self.key = key
        self.value = value
        self.source = source
    }
}

/// The configuration a run uses: every key resolved with precedence flag > environment >
/// stored > default and validated, as typed values.
public struct ResolvedConfiguration: Sendable {
    public enum APIVersion: String, Sendable { case v3, v2 }

    /// Every key in name order, with its source.
    public let values: [ResolvedValue]

    public var apiVersion: APIVersion { APIVersion(rawValue: self[.apiVersion]) ?? .v3 }
    public var baseURL: String { self[.baseURL] }
    public var maxConcurrentRequests: Int { Int(self[.maxConcurrentRequests]) ?? 4 }
    public var requestTimeout: Duration { .seconds(Int(self[.requestTimeoutSeconds]) ?? 60) }
    /// Nil until the operator sets it.
    public var startDate: String? { self[.startDate].isEmpty ? nil : self[.startDate] }
    public var outputDirectory: String { self[.outputDirectory] }
    public var tempDirectory: String { self[.tempDirectory] }
    public var symbols: [String] { self[.symbols].split(separator: ",").map(String.init) }
    public var dataset: String { self[.dataset] }
    public var interval: String { self[.interval] }
    /// Bytes below which processing must not start.
    public var minFreeDiskBytes: UInt64 { UInt64((Double(self[.minFreeDiskGB]) ?? 10) * 1_000_000_000) }
    public var minFreeDiskGB: Double { Double(self[.minFreeDiskGB]) ?? 10 }
    /// Attempts after the first that `retry` makes before it needs `--force`.
    public var maxRetries: Int { Int(self[.maxRetries]) ?? 3 }

    /// The option roots of a symbol: SPX is listed under SPX (monthly, AM-settled) and SPXW
    /// (weekly and daily, PM-settled); other symbols under their own name.
    public static func roots(of symbol: String) -> [String] {
        symbol == "SPX" ? ["SPX", "SPXW"] : [symbol]
    }

    public subscript(key: ConfigurationKey) -> String {
        values.first { $0.key == key }?.value ?? key.defaultValue()
    }

    public func source(of key: ConfigurationKey) -> ConfigurationSource {
        values.first { $0.key == key }?.source ?? .default
    }
}

/// Resolves the layers into a `ResolvedConfiguration`. Libraries never read the environment;
/// the executable passes it in.
public enum ConfigurationResolver {
    /// - Parameters:
    ///   - stored: the values of the `configuration` table, by key name.
    ///   - environment: the process environment (only `SPX_DATA_*` variables matter).
    ///   - flags: values given on the command line, by key name.
    /// - Throws: `ConfigurationError` for the strongest value that is invalid, naming its origin.
    public static func resolve(
        stored: [String: String], environment: [String: String] = [:], flags: [String: String] = [:]
    ) throws(ConfigurationError) -> ResolvedConfiguration {
        var values: [ResolvedValue] = []
        // The API version first: the base URL's default depends on it.
        var apiVersion = "v3"
        for key in [ConfigurationKey.apiVersion] + ConfigurationKey.allCases.filter({ $0 != .apiVersion }) {
            let layers: [(ConfigurationSource, String, String?)] = [
                (.flag, "flag", flags[key.rawValue]),
                (.env, key.environmentVariable, environment[key.environmentVariable]),
                (.stored, "stored", stored[key.rawValue]),
            ]
            var resolved = ResolvedValue(key: key, value: key.defaultValue(apiVersion: apiVersion), source: .default)
            for (source, origin, raw) in layers {
                guard let raw else { continue }
                resolved = ResolvedValue(key: key, value: try key.validate(raw, origin: origin), source: source)
                break
            }
            if key == .apiVersion { apiVersion = resolved.value }
            values.append(resolved)
        }
        return ResolvedConfiguration(values: values.sorted { $0.key < $1.key })
    }

    /// Every problem of the layers, not just the first: invalid values at any layer (a bad
    /// stored value hidden by an environment variable is still reported) and missing required keys.
    public static func problems(
        stored: [String: String], environment: [String: String] = [:], flags: [String: String] = [:]
    ) -> [ConfigurationError] {
        var problems: [ConfigurationError] = []
        for name in Set(stored.keys).union(flags.keys).sorted() where ConfigurationKey(rawValue: name) == nil {
            problems.append(.unknownKey(name))
        }
        for key in ConfigurationKey.allCases.sorted() {
            let layers = [("flag", flags[key.rawValue]), (key.environmentVariable, environment[key.environmentVariable]),
                          ("stored", stored[key.rawValue])]
            var present = false
            for (origin, raw) in layers {
                guard let raw else { continue }
                present = true
                do { _ = try key.validate(raw, origin: origin) } catch { problems.append(error) }
            }
            if key.isRequired, !present {
                problems.append(ConfigurationError(
                    key: key, value: "", origin: "default",
                    message: "\(key.rawValue) is required and has no value: expected \(key.acceptedForm). "
                        + "Fix: spx-data config set \(key.rawValue) \(key.exampleValue)"))
            }
        }
        return problems
    }
}
