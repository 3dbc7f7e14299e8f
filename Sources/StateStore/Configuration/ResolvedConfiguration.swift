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
    public var maxConcurrentRequests: Int { Int(self[.maxConcurrentRequests]) ?? subscription.concurrency }
    public var subscription: SubscriptionTier { SubscriptionTier(rawValue: self[.subscription]) ?? .standard }
    /// The first date to ask the Terminal for, `YYYY-MM-DD`: `thetadata.historyStart`, by
    /// default the subscription's first date.
    public var historyStart: String { self[.historyStart] }
    /// When ThetaData has a regular session's data, in minutes after New York midnight
    /// (`thetadata.availableAfter`, 17:30 by default); an early close moves it as much earlier.
    public var availableAfterMinutes: Int { ConfigurationKey.minutesOfDay(self[.availableAfter]) ?? 17 * 60 + 30 }
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
        func given(_ other: ConfigurationKey) -> String? { values.first { $0.key == other }?.value }
        return given(key) ?? key.defaultValue(apiVersion: given(.apiVersion) ?? "v3", subscription: given(.subscription) ?? "standard")
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
    /// - Throws: `ConfigurationError` for the strongest value that is invalid, naming its origin,
    ///   or for a value valid on its own but not with the others (`thetadata.format`).
    public static func resolve(
        stored: [String: String], environment: [String: String] = [:], flags: [String: String] = [:]
    ) throws(ConfigurationError) -> ResolvedConfiguration {
        var values: [ResolvedValue] = []
        // The API version and subscription first: the base URL's, request cap's, history
        // start's and body format's defaults depend on them.
        var apiVersion = "v3"
        var subscription = SubscriptionTier.standard.rawValue
        let first = ConfigurationKey.resolvedFirst
        for key in first + ConfigurationKey.allCases.filter({ !first.contains($0) }) {
            var resolved = ResolvedValue(key: key, value: key.defaultValue(apiVersion: apiVersion, subscription: subscription),
                                         source: .default)
            for layer in layers(of: key, stored: stored, environment: environment, flags: flags) {
                guard let raw = layer.raw else { continue }
                resolved = ResolvedValue(key: key, value: try key.validate(raw, origin: layer.origin), source: layer.source)
                break
            }
            if key == .apiVersion { apiVersion = resolved.value }
            if key == .subscription { subscription = resolved.value }
            values.append(resolved)
        }
        let configuration = ResolvedConfiguration(values: values.sorted { $0.key < $1.key })
        if let problem = formatProblem(configuration, stored: stored, environment: environment, flags: flags) { throw problem }
        return configuration
    }

    /// A key's layers, strongest first: where each value came from and the name `ConfigurationError`
    /// gives that origin.
    private static func layers(
        of key: ConfigurationKey, stored: [String: String], environment: [String: String], flags: [String: String]
    ) -> [(source: ConfigurationSource, origin: String, raw: String?)] {
        [(.flag, "flag", flags[key.rawValue]),
         (.env, key.environmentVariable, environment[key.environmentVariable]),
         (.stored, "stored", stored[key.rawValue])]
    }

    /// The body format that cannot be asked of the configured API version, as an error naming
    /// where the format came from; nil when they go together.
    private static func formatProblem(
        _ configuration: ResolvedConfiguration, stored: [String: String], environment: [String: String], flags: [String: String]
    ) -> ConfigurationError? {
        let format = configuration[.format], apiVersion = configuration.apiVersion.rawValue
        guard let problem = ConfigurationKey.formatProblem(format, apiVersion: apiVersion) else { return nil }
        let source = configuration.source(of: .format)
        let origin = layers(of: .format, stored: stored, environment: environment, flags: flags)
            .first { $0.source == source }?.origin ?? "default"
        return ConfigurationError.invalid(.format, format, origin: origin,
                                          reason: "with thetadata.apiVersion \(apiVersion): \(problem)")
    }

    /// Every problem of the layers, not just the first: invalid values at any layer (a bad
    /// stored value hidden by an environment variable is still reported), missing required
    /// keys, and values valid on their own but not together.
    public static func problems(
        stored: [String: String], environment: [String: String] = [:], flags: [String: String] = [:]
    ) -> [ConfigurationError] {
        var problems: [ConfigurationError] = []
        for name in Set(stored.keys).union(flags.keys).sorted() where ConfigurationKey(rawValue: name) == nil {
            problems.append(.unknownKey(name))
        }
        // What each key resolves to when its invalid values are left out, for the combinations.
        var usable = (stored: stored, environment: environment, flags: flags)
        for key in ConfigurationKey.allCases.sorted() {
            var present = false
            for layer in layers(of: key, stored: stored, environment: environment, flags: flags) {
                guard let raw = layer.raw else { continue }
                present = true
                do { _ = try key.validate(raw, origin: layer.origin) } catch {
                    problems.append(error)
                    switch layer.source {
                    case .flag: usable.flags[key.rawValue] = nil
                    case .env: usable.environment[key.environmentVariable] = nil
                    case .stored, .default: usable.stored[key.rawValue] = nil
                    }
                }
            }
            if key.isRequired, !present {
                problems.append(ConfigurationError(
                    key: key, value: "", origin: "default",
                    message: "\(key.rawValue) is required and has no value: expected \(key.acceptedForm). "
                        + "Fix: spx-data config set \(key.rawValue) \(key.exampleValue)"))
            }
        }
        do {
            _ = try resolve(stored: usable.stored, environment: usable.environment, flags: usable.flags)
        } catch {
            problems.append(error)
        }
        return problems
    }
}
