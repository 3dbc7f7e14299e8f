import StateStore
import Testing

@Suite("Configuration keys, precedence and history")
struct ConfigurationTests {
    static let good: [(ConfigurationKey, String, String)] = [
        (.apiVersion, "v2", "v2"),
        (.baseURL, "http://127.0.0.1:25510/", "http://127.0.0.1:25510"),
        (.maxConcurrentRequests, "64", "64"),
        (.requestTimeoutSeconds, " 120 ", "120"),
        (.startDate, "2020-02-29", "2020-02-29"),
        (.outputDirectory, "/srv/archive", "/srv/archive"),
        (.tempDirectory, "tmp/stage", "tmp/stage"),
        (.symbols, "spx, SPY,QQQ", "SPX,SPY,QQQ"),
        (.dataset, "open_interest", "open_interest"),
        (.interval, "15m", "15m"),
        (.minFreeDiskGB, "2.5", "2.5"),
        (.maxRetries, " 5 ", "5"),
        (.databasePath, "data/x.db", "data/x.db"),
        (.subscription, " Pro ", "pro"),
        (.historyStart, "2012-06-01", "2012-06-01"),
        (.availableAfter, "18:05", "18:05"),
        (.format, "NDJSON", "ndjson"),
        (.qualityMinGrade, "b", "B"), (.qualityUnderlyingMove, "0.15", "0.15"), (.qualitySpreadToMedian, "40", "40"),
        (.qualityRowCountRatio, "3", "3"), (.qualityModifiedZ, "4", "4"), (.qualityHistory, "30", "30"),
        (.qualityStaleUnderlyingSeconds, "120", "120"), (.qualitySpikeDeviations, "8", "8"), (.qualitySpikeWindow, "25", "25"),
        (.qualityIVFunnelRange, "0.1-0.8", "0.1-0.8"), (.qualityIVPlausibleRange, "0.001-4", "0.001-4"),
        (.qualityFunnelMinDays, "5", "5"), (.qualityFunnelMoneyness, "0.9-1.1", "0.9-1.1"),
    ]
    static let bad: [(ConfigurationKey, String)] = [
        (.apiVersion, "v4"),
        (.baseURL, "localhost:25510"), (.baseURL, "ftp://127.0.0.1:21"), (.baseURL, "http://127.0.0.1"),
        (.baseURL, "http://127.0.0.1:25510/v2"),
        (.maxConcurrentRequests, "0"), (.maxConcurrentRequests, "65"), (.maxConcurrentRequests, "four"),
        (.requestTimeoutSeconds, "0"), (.requestTimeoutSeconds, "1.5"),
        (.startDate, "2021-02-29"), (.startDate, "2020-1-2"), (.startDate, "1969-12-31"),
        (.outputDirectory, ""), (.tempDirectory, "  "),
        (.symbols, "SPX,,SPY"), (.symbols, "SPX,SPX"), (.symbols, "S&P"), (.symbols, "ABCDEFGHIJK"),
        (.dataset, "trades"), (.interval, "2m"), (.interval, "tick"),
        (.minFreeDiskGB, "-1"), (.minFreeDiskGB, "lots"), (.minFreeDiskGB, "nan"),
        (.maxRetries, "-1"), (.maxRetries, "101"), (.maxRetries, "2.5"),
        (.databasePath, ""),
        (.subscription, "gold"), (.subscription, ""),
        (.historyStart, "2016-13-01"), (.historyStart, "1969-12-31"),
        (.availableAfter, "15:59"), (.availableAfter, "5pm"), (.availableAfter, "24:00"), (.availableAfter, "17:3"),
        (.format, "html"), (.format, "xml"),
        (.qualityMinGrade, "F"), (.qualityMinGrade, "A+"), (.qualityUnderlyingMove, "0"), (.qualityUnderlyingMove, "1.5"),
        (.qualitySpreadToMedian, "1"), (.qualityRowCountRatio, "0.5"), (.qualityModifiedZ, "-1"), (.qualityHistory, "2"),
        (.qualityStaleUnderlyingSeconds, "0"), (.qualitySpikeDeviations, "none"), (.qualitySpikeWindow, "2000"),
        (.qualityIVFunnelRange, "1-0.05"), (.qualityIVPlausibleRange, "0.5"), (.qualityFunnelMinDays, "-7"),
        (.qualityFunnelMoneyness, "0.8-"),
    ]

    @Test("every key accepts its good values, normalised", arguments: good)
    func accepts(key: ConfigurationKey, value: String, stored: String) throws {
        #expect(try key.validate(value) == stored)
    }

    @Test("every key refuses bad values naming the key, the value and the accepted form", arguments: bad)
    func refuses(key: ConfigurationKey, value: String) {
        let error = #expect(throws: ConfigurationError.self) { try key.validate(value) }
        #expect(error?.message.contains("'\(value)'") == true)
        #expect(error?.message.contains(key.rawValue) == true)
        #expect(error?.message.contains(key.acceptedForm) == true)
        #expect(error?.message.contains("Fix: spx-data config set \(key.rawValue)") == true)
    }

    @Test("every key is covered by the good and bad tables")
    func coverage() {
        #expect(Set(Self.good.map(\.0)) == Set(ConfigurationKey.allCases))
        #expect(Set(Self.bad.map(\.0)) == Set(ConfigurationKey.allCases))
    }

    @Test("environment variable names follow SPX_DATA_ + upper snake case")
    func environmentNames() {
        #expect(ConfigurationKey.baseURL.environmentVariable == "SPX_DATA_THETADATA_BASE_URL")
        #expect(ConfigurationKey.minFreeDiskGB.environmentVariable == "SPX_DATA_PROCESSING_MIN_FREE_DISK_GB")
        #expect(ConfigurationKey.maxConcurrentRequests.environmentVariable == "SPX_DATA_THETADATA_MAX_CONCURRENT_REQUESTS")
        #expect(ConfigurationKey.databasePath.environmentVariable == "SPX_DATA_DATABASE_PATH")
    }

    @Test("precedence is flag > environment > stored > default")
    func precedence() throws {
        let key = ConfigurationKey.maxConcurrentRequests
        let env = key.environmentVariable
        func resolve(_ stored: String?, _ environment: String?, _ flag: String?) throws -> ResolvedValue {
            let config = try ConfigurationResolver.resolve(
                stored: stored.map { [key.rawValue: $0] } ?? [:], environment: environment.map { [env: $0] } ?? [:],
                flags: flag.map { [key.rawValue: $0] } ?? [:])
            return try #require(config.values.first { $0.key == key })
        }
        #expect(try resolve(nil, nil, nil) == ResolvedValue(key: key, value: "4", source: .default))
        #expect(try resolve("2", nil, nil) == ResolvedValue(key: key, value: "2", source: .stored))
        #expect(try resolve("2", "3", nil) == ResolvedValue(key: key, value: "3", source: .env))
        #expect(try resolve("2", "3", "8") == ResolvedValue(key: key, value: "8", source: .flag))
        #expect(try resolve(nil, nil, "8") == ResolvedValue(key: key, value: "8", source: .flag))
    }

    @Test("the base URL's default follows the API version, from any layer")
    func baseURLFollowsVersion() throws {
        #expect(try ConfigurationResolver.resolve(stored: [:]).baseURL == "http://127.0.0.1:25503")
        #expect(try ConfigurationResolver.resolve(stored: ["thetadata.apiVersion": "v2"]).baseURL == "http://127.0.0.1:25510")
        let env = try ConfigurationResolver.resolve(stored: [:], environment: ["SPX_DATA_THETADATA_API_VERSION": "v2"])
        #expect(env.baseURL == "http://127.0.0.1:25510" && env.apiVersion == .v2)
        let explicit = try ConfigurationResolver.resolve(stored: ["thetadata.apiVersion": "v2", "thetadata.baseUrl": "http://10.0.0.5:9000"])
        #expect(explicit.baseURL == "http://10.0.0.5:9000")
    }

    @Test("a bad environment value is refused naming the variable")
    func badEnvironment() {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationResolver.resolve(stored: [:], environment: ["SPX_DATA_PROCESSING_INTERVAL": "2m"])
        }
        #expect(error?.message.contains("'2m'") == true)
        #expect(error?.message.contains("export SPX_DATA_PROCESSING_INTERVAL=1m") == true)
    }

    @Test("typed values of the resolved configuration")
    func typedValues() throws {
        let config = try ConfigurationResolver.resolve(stored: ["processing.symbols": "SPX,QQQ", "processing.minFreeDiskGB": "2.5",
                                                                "thetadata.requestTimeoutSeconds": "90"])
        #expect(config.symbols == ["SPX", "QQQ"])
        #expect(config.minFreeDiskBytes == 2_500_000_000)
        #expect(config.requestTimeout == .seconds(90))
        #expect(config.startDate == nil)
        #expect(ResolvedConfiguration.roots(of: "SPX") == ["SPX", "SPXW"])
        #expect(ResolvedConfiguration.roots(of: "QQQ") == ["QQQ"])
    }

    @Test("problems lists missing required keys and bad values at every layer")
    func problems() {
        let problems = ConfigurationResolver.problems(
            stored: ["thetadata.maxConcurrentRequests": "100", "no.such": "1"],
            environment: ["SPX_DATA_THETADATA_MAX_CONCURRENT_REQUESTS": "4"])
        let messages = problems.map(\.message)
        #expect(messages.contains { $0.contains("unknown configuration key 'no.such'") })
        #expect(messages.contains { $0.contains("'100'") })
        #expect(messages.contains { $0.contains("processing.startDate is required") })
        #expect(ConfigurationResolver.problems(stored: ["processing.startDate": "2020-01-02"]).isEmpty)
    }

    @Test("set stores the normalised value and records each change; a bad value writes nothing")
    func setAndHistory() throws {
        let store = try StateStore(path: try temporaryDirectory() + "/ledger.db")
        try store.setConfiguration(.symbols, to: "spx,spy")
        try store.setConfiguration(.symbols, to: "QQQ")
        #expect(throws: ConfigurationError.self) { try store.setConfiguration(.symbols, to: "SPX,") }
        #expect(try store.storedConfiguration() == ["processing.symbols": "QQQ"])
        let history = try store.configurationHistory(key: .symbols)
        #expect(history.map(\.newValue) == ["QQQ", "SPX,SPY"])
        #expect(history.map(\.oldValue) == ["SPX,SPY", nil])
        #expect(history.allSatisfy { $0.source == "cli" && Timestamps.date(from: $0.changedAt) != nil })
    }

    @Test("reset removes stored values, keeps their history, and defaults apply again")
    func reset() throws {
        let store = try StateStore(path: try temporaryDirectory() + "/ledger.db")
        try store.setConfiguration(.maxConcurrentRequests, to: "8")
        try store.setConfiguration(.startDate, to: "2020-01-02")
        #expect(try store.resetConfiguration().sorted() == ["processing.startDate", "thetadata.maxConcurrentRequests"])
        #expect(try store.storedConfiguration().isEmpty)
        #expect(try ConfigurationResolver.resolve(stored: store.storedConfiguration()).maxConcurrentRequests == 4)
        #expect(try store.configurationHistory().filter { $0.newValue == nil }.count == 2)
    }
}
