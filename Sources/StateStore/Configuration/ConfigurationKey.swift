/// Every configuration key spx-data knows, with its type, default, accepted form and validation.
/// This registry is the one place a key is defined; `config get`, `config set`, the environment
/// overrides and `ResolvedConfiguration` all derive from it.
public enum ConfigurationKey: String, CaseIterable, Sendable, Comparable {
    case apiVersion = "thetadata.apiVersion"
    case baseURL = "thetadata.baseUrl"
    case maxConcurrentRequests = "thetadata.maxConcurrentRequests"
    case requestTimeoutSeconds = "thetadata.requestTimeoutSeconds"
    case format = "thetadata.format"
    case subscription = "thetadata.subscription"
    case historyStart = "thetadata.historyStart"
    case availableAfter = "thetadata.availableAfter"
    case startDate = "processing.startDate"
    case outputDirectory = "processing.outputDirectory"
    case tempDirectory = "processing.tempDirectory"
    case symbols = "processing.symbols"
    case dataset = "processing.dataset"
    case interval = "processing.interval"
    case minFreeDiskGB = "processing.minFreeDiskGB"
    case maxRetries = "processing.maxRetries"
    case databasePath = "database.path"
    case qualityMinGrade = "quality.minGrade"
    case qualityUnderlyingMove = "quality.underlyingMove"
    case qualitySpreadToMedian = "quality.spreadToMedian"
    case qualityRowCountRatio = "quality.rowCountRatio"
    case qualityModifiedZ = "quality.modifiedZ"
    case qualityHistory = "quality.history"
    case qualityStaleUnderlyingSeconds = "quality.staleUnderlyingSeconds"
    case qualitySpikeDeviations = "quality.spikeDeviations"
    case qualitySpikeWindow = "quality.spikeWindow"
    case qualityIVFunnelRange = "quality.ivFunnelRange"
    case qualityIVPlausibleRange = "quality.ivPlausibleRange"
    case qualityFunnelMinDays = "quality.funnelMinDays"
    case qualityFunnelMoneyness = "quality.funnelMoneyness"

    /// The types the `configuration.value_type` column allows.
    public enum ValueType: String, Sendable { case string, number, boolean, date }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// Datasets the pipeline can fetch.
    public static let datasets = ["greeks", "quotes", "ohlc", "open_interest", "eod", "greeks_second_order", "greeks_third_order"]
    /// Bar intervals ThetaData serves for history requests.
    public static let intervals = ["1s", "5s", "10s", "15s", "30s", "1m", "5m", "10m", "15m", "30m", "1h"]
    public static let concurrencyRange = 1...64
    public static let timeoutRange = 1...3600

    /// The key's name, e.g. `thetadata.baseUrl`.
    public var name: String { rawValue }

    public var summary: String {
        switch self {
        case .apiVersion: "ThetaData Terminal API version"
        case .baseURL: "ThetaData Terminal base URL"
        case .maxConcurrentRequests: "Maximum concurrent Terminal requests (your tier's cap)"
        case .requestTimeoutSeconds: "Seconds before one Terminal request is abandoned"
        case .format: "Body format asked of the Terminal: csv or ndjson (v3), json or csv (v2)"
        case .subscription: "ThetaData subscription tier: sets the default request cap and history start"
        case .historyStart: "First date the subscription's option history covers (default: the tier's)"
        case .availableAfter: "New York time after a regular close when ThetaData has the session's data (early closes move it)"
        case .startDate: "First trading date of the archive"
        case .outputDirectory: "Parquet file output location"
        case .tempDirectory: "Staging location for NDJSON files"
        case .symbols: "Underlying symbols to archive (SPX means roots SPX and SPXW)"
        case .dataset: "Dataset to archive"
        case .interval: "Bar interval of the history requests"
        case .minFreeDiskGB: "Free disk space, in GB, below which processing stops"
        case .maxRetries: "Attempts after the first that `retry` makes for a date before it needs --force"
        case .databasePath: "SQLite ledger location (informational: --db or SPX_DATA_DB choose it)"
        case .qualityMinGrade: "Days graded below this are gaps to re-fetch (off: never)"
        case .qualityUnderlyingMove: "V8: largest move of the underlying from the previous close, as a fraction"
        case .qualitySpreadToMedian: "V9: a spread this many times the contract's median spread is a warning"
        case .qualityRowCountRatio: "C5: a day's rows this many times (or 1/this of) the previous sessions' median drift"
        case .qualityModifiedZ: "C5, X4 and trend flags: modified z-score above which a value is an outlier"
        case .qualityHistory: "C5 and trend flags: previous sessions compared with"
        case .qualityStaleUnderlyingSeconds: "T2: seconds an underlying quote may lag the row's time"
        case .qualitySpikeDeviations: "T3: robust deviations from the rolling median that make a spike"
        case .qualitySpikeWindow: "T3: intervals of the rolling median"
        case .qualityIVFunnelRange: "I3 (research funnel): implied volatilities kept by the usual samples"
        case .qualityIVPlausibleRange: "I4: plausible implied volatilities outside the expiration day"
        case .qualityFunnelMinDays: "Research funnel: days to expiry below this are filtered"
        case .qualityFunnelMoneyness: "Research funnel: moneyness K/S kept"
        }
    }

    public var valueType: ValueType {
        switch self {
        case .maxConcurrentRequests, .requestTimeoutSeconds, .minFreeDiskGB, .maxRetries, .qualityUnderlyingMove,
             .qualitySpreadToMedian, .qualityRowCountRatio, .qualityModifiedZ, .qualityHistory, .qualityStaleUnderlyingSeconds,
             .qualitySpikeDeviations, .qualitySpikeWindow, .qualityFunnelMinDays: .number
        case .startDate, .historyStart: .date
        default: .string
        }
    }

    /// Required keys must have a value for `config validate` to pass; only the start date has
    /// no sensible default.
    public var isRequired: Bool { self == .startDate }

    /// What a valid value looks like, for error messages and help.
    public var acceptedForm: String {
        switch self {
        case .apiVersion: "v3 or v2"
        case .baseURL: "an http:// URL with host and port and no path, e.g. http://127.0.0.1:25503"
        case .maxConcurrentRequests: "a whole number from \(Self.concurrencyRange.lowerBound) to \(Self.concurrencyRange.upperBound)"
        case .requestTimeoutSeconds: "a whole number of seconds from \(Self.timeoutRange.lowerBound) to \(Self.timeoutRange.upperBound)"
        case .startDate: "a calendar date YYYY-MM-DD from 1970-01-01 on, e.g. 2020-01-02"
        case .outputDirectory, .tempDirectory, .databasePath: "a non-empty path"
        case .symbols: "a comma-separated list of symbols of 1 to 10 letters, digits or dots, e.g. SPX,SPY"
        case .dataset: "one of " + Self.datasets.joined(separator: ", ")
        case .interval: "one of " + Self.intervals.joined(separator: ", ")
        case .minFreeDiskGB: "a number of gigabytes, 0 or more, e.g. 10 or 2.5"
        case .maxRetries: "a whole number from 0 to 100"
        case .format: "csv or ndjson with API v3, json or csv with API v2"
        case .subscription: "one of " + SubscriptionTier.allCases.map(\.rawValue).joined(separator: ", ")
        case .historyStart: "a calendar date YYYY-MM-DD from 1970-01-01 on, e.g. 2016-01-01"
        case .availableAfter: "a New York time HH:MM from 16:00 to 23:59, e.g. 17:30"
        case .qualityMinGrade: "off, or a grade A, B, C or D"
        case .qualityUnderlyingMove: "a fraction above 0 and at most 1, e.g. 0.2"
        case .qualitySpreadToMedian, .qualityRowCountRatio: "a number above 1, e.g. \(defaultValue())"
        case .qualityModifiedZ, .qualitySpikeDeviations: "a number above 0, e.g. \(defaultValue())"
        case .qualityHistory, .qualitySpikeWindow: "a whole number from 3 to 1000"
        case .qualityStaleUnderlyingSeconds: "a whole number of seconds from 1 to 86400"
        case .qualityFunnelMinDays: "a whole number of days from 0 to 3650"
        case .qualityIVFunnelRange, .qualityIVPlausibleRange, .qualityFunnelMoneyness:
            "LOW-HIGH, two numbers at or above 0 with LOW below HIGH, e.g. \(defaultValue())"
        }
    }

    /// The default. The base URL's follows the API version (v3 serves on 25503, v2 on 25510);
    /// the request cap and the history start follow the subscription tier.
    public func defaultValue(apiVersion: String = "v3", subscription: String = "standard") -> String {
        let tier = SubscriptionTier(rawValue: subscription) ?? .standard
        return switch self {
        case .apiVersion: "v3"
        case .baseURL: apiVersion == "v2" ? "http://127.0.0.1:25510" : "http://127.0.0.1:25503"
        case .maxConcurrentRequests: String(tier.concurrency)
        case .requestTimeoutSeconds: "60"
        case .startDate: ""
        case .outputDirectory: "./data/parquet"
        case .tempDirectory: "./data/temp"
        case .symbols: "SPX"
        case .dataset: "greeks"
        case .interval: "1m"
        case .minFreeDiskGB: "10"
        case .maxRetries: "3"
        case .databasePath: "./data/spx-pipeline.db"
        case .format: apiVersion == "v2" ? "json" : "csv"
        case .subscription: SubscriptionTier.standard.rawValue
        case .historyStart: tier.historyStart
        case .availableAfter: "17:30"
        case .qualityMinGrade: "off"
        case .qualityUnderlyingMove: "0.2"
        case .qualitySpreadToMedian: "50"
        case .qualityRowCountRatio: "2"
        case .qualityModifiedZ: "3.5"
        case .qualityHistory: "20"
        case .qualityStaleUnderlyingSeconds: "60"
        case .qualitySpikeDeviations: "10"
        case .qualitySpikeWindow: "50"
        case .qualityIVFunnelRange: "0.05-1"
        case .qualityIVPlausibleRange: "0.001-5"
        case .qualityFunnelMinDays: "7"
        case .qualityFunnelMoneyness: "0.8-1.2"
        }
    }

    /// Keys whose default follows other keys, which are therefore resolved first.
    static let resolvedFirst: [ConfigurationKey] = [.apiVersion, .subscription]

    /// The environment variable that overrides the key: `SPX_DATA_` then the name with dots
    /// as underscores and camel case as upper snake case (`thetadata.baseUrl` ->
    /// `SPX_DATA_THETADATA_BASE_URL`, `processing.minFreeDiskGB` -> `SPX_DATA_PROCESSING_MIN_FREE_DISK_GB`).
    public var environmentVariable: String {
        var result = "SPX_DATA_"
        var previous: Character = "."
        for character in rawValue {
            if character == "." {
                result.append("_")
            } else {
                if character.isUppercase, previous.isLowercase { result.append("_") }
                result.append(contentsOf: character.uppercased())
            }
            previous = character
        }
        return result
    }

    /// Finds a key by name; the error lists the known keys.
    public static func named(_ name: String) throws(ConfigurationError) -> ConfigurationKey {
        guard let key = ConfigurationKey(rawValue: name) else { throw ConfigurationError.unknownKey(name) }
        return key
    }
}
