import Foundation
import StateStore
import Testing

/// The ledger commands run as a user would: the built binary on a temp database.
@Suite("spx-data ledger commands")
struct LedgerCommandTests {
    /// A ledger with a little history, and the environment pointing the commands at it and at a
    /// Terminal port where nothing listens.
    func seededLedger() throws -> (db: String, env: [String: String]) {
        let dir = try CLI.temporaryDirectory()
        let db = dir + "/ledger/spx.db"
        let store = try StateStore(path: db)
        try store.save([
            ProcessingRecord(symbol: "SPX", dataset: "greeks", date: "2024-03-11", status: .success, completedAt: "2024-03-12T01:00:00Z",
                             recordCount: 900_000, expirationCount: 60, processingDurationMs: 60_000, apiRequestsMade: 61, memoryPeakMb: 140),
            ProcessingRecord(symbol: "SPX", dataset: "greeks", date: "2024-03-12", status: .failed, errorMessage: "refused, \"quoted\"",
                             errorType: "connection_refused"),
            ProcessingRecord(symbol: "SPX", dataset: "greeks", date: "2024-03-13", status: .processing, processId: 999_999),
        ])
        try store.save([ExpirationProgress(symbol: "SPX", dataset: "greeks", date: "2024-03-13", root: "SPXW",
                                           expiration: "2024-03-13", status: .staged, rowCount: 5)])
        try store.record(errors: [ErrorRecord(symbol: "SPX", dataset: "greeks", date: "2024-03-12", errorType: "connection_refused",
                                              errorMessage: "connection refused")])
        let env = ["SPX_DATA_DB": db, "SPX_DATA_THETADATA_BASE_URL": "http://127.0.0.1:1",
                   "SPX_DATA_PROCESSING_OUTPUT_DIRECTORY": dir + "/out", "SPX_DATA_PROCESSING_TEMP_DIRECTORY": dir + "/tmp"]
        return (db, env)
    }

    static let readCommands: [[String]] = [
        ["status"], ["list"], ["list", "--failed-only"], ["errors"], ["errors", "--recent", "5"], ["metrics"],
        ["config", "get"], ["health"], ["gaps", "--start-date", "2024-03-01", "--end-date", "2024-03-31"],
    ]

    @Test("every read command prints parseable JSON", arguments: readCommands)
    func json(command: [String]) throws {
        let (_, env) = try seededLedger()
        let result = try CLI.run(command + ["--format", "json"], environment: env)
        // The seeded ledger has a date left processing by a process that is gone: every
        // command notes it on standard error, and says nothing else there.
        let notes = result.stderr.split(separator: "\n")
        #expect(notes.allSatisfy { $0.hasPrefix("note: ") && $0.contains("which is gone") } || command == ["health"], "\(result.stderr)")
        #expect(notes.contains { $0.contains("SPX greeks 2024-03-13 was left processing by process 999999") }, "\(result.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        #expect(parsed is [Any] || parsed is [String: Any])
    }

    @Test("every read command prints CSV with a header line", arguments: readCommands)
    func csv(command: [String]) throws {
        let (_, env) = try seededLedger()
        let result = try CLI.run(command + ["--format", "csv"], environment: env)
        let header = try #require(result.stdout.split(separator: "\n").first)
        #expect(!header.contains(" ") && header.contains(","), "\(header)")
    }

    @Test("tables are plain when NO_COLOR is set or output is not a terminal")
    func noColour() throws {
        var (_, env) = try seededLedger()
        env["NO_COLOR"] = "1"
        for command in Self.readCommands {
            let result = try CLI.run(command, environment: env)
            #expect(!result.stdout.contains("\u{1B}["), "\(command)")
        }
    }

    @Test("list filters and keeps quoted messages intact in CSV")
    func list() throws {
        let (_, env) = try seededLedger()
        let failed = try CLI.run(["list", "--failed-only", "--format", "csv"], environment: env)
        #expect(failed.status == 0)
        #expect(failed.stdout.split(separator: "\n").count == 2)
        #expect(failed.stdout.contains("\"refused, \"\"quoted\"\"\""))
        let ranged = try CLI.run(["list", "--date-range", "2024-03-11..2024-03-11"], environment: env)
        #expect(ranged.stdout.contains("2024-03-11") && !ranged.stdout.contains("2024-03-12"))
        let bad = try CLI.run(["list", "--date-range", "yesterday-ish"], environment: env)
        #expect(bad.status == 64 && bad.stderr.contains("yesterday-ish"))
    }

    @Test("gaps finds every missing session and never a weekend or holiday")
    func gaps() throws {
        let (_, env) = try seededLedger()
        // Thu 2024-03-28 to Tue 2024-04-02 spans Good Friday and a weekend; 2024-03-08..18 spans two weekends.
        let result = try CLI.run(["gaps", "--start-date", "2024-03-08", "--end-date", "2024-04-02", "--order", "date",
                                  "--format", "json"], environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let spx = try #require((json["symbols"] as? [[String: Any]])?.first)
        let gaps = try #require(spx["gaps"] as? [[String: Any]])
        let dates = gaps.compactMap { $0["date"] as? String }
        let expected = ["2024-03-08", "2024-03-12", "2024-03-13", "2024-03-14", "2024-03-15", "2024-03-18", "2024-03-19",
                        "2024-03-20", "2024-03-21", "2024-03-22", "2024-03-25", "2024-03-26", "2024-03-27", "2024-03-28",
                        "2024-04-01", "2024-04-02"]
        #expect(dates == expected)
        #expect(spx["sessions"] as? Int == 17 && spx["complete"] as? Int == 1)
        #expect(gaps.first { $0["date"] as? String == "2024-03-12" }?["category"] as? String == "failed")
        #expect(gaps.first { $0["date"] as? String == "2024-03-12" }?["last_error"] as? String == "refused, \"quoted\"")
        #expect(gaps.first { $0["date"] as? String == "2024-03-14" }?["category"] as? String == "never_attempted")
        // The one successful day (60 expirations, 61 requests, 900,000 rows) is the size model.
        let estimate = try #require(gaps.first?["estimate"] as? [String: Any])
        #expect(estimate["rows"] as? Int == 900_000 && estimate["requests"] as? Int == 61)
        let byPriority = try CLI.run(["gaps", "--start-date", "2024-03-08", "--end-date", "2024-04-02", "--format", "csv"],
                                     environment: env)
        #expect(byPriority.stdout.split(separator: "\n").count == expected.count + 1)
        let backwards = try CLI.run(["gaps", "--start-date", "2024-04-02", "--end-date", "2024-03-08"], environment: env)
        #expect(backwards.status == 64 && backwards.stderr.contains("after"))
        let noStart = try CLI.run(["gaps"], environment: env)
        #expect(noStart.status == 64 && noStart.stderr.contains("processing.startDate"))
    }

    @Test("status shows counts, the running date with its progress and a gone process")
    func status() throws {
        let (_, env) = try seededLedger()
        let result = try CLI.run(["status", "--format", "json"], environment: env)
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((json["counts"] as? [String: Int])?["failed"] == 1)
        let running = try #require((json["running"] as? [[String: Any]])?.first)
        #expect(running["date"] as? String == "2024-03-13" && running["staged"] as? Int == 1)
        #expect(running["process_alive"] as? Bool == false)
        #expect((json["terminal"] as? [String: Any])?["state"] as? String == "not running")
    }

    @Test("health exits 1 when the Terminal is down, naming the fix")
    func healthDown() throws {
        let (_, env) = try seededLedger()
        let result = try CLI.run(["health"], environment: env)
        #expect(result.status == 1)
        #expect(result.stdout.contains("Terminal not running") && result.stdout.contains("start the Theta Terminal"))
        #expect(result.stdout.contains("integrity ok, schema \(StateStore.latestSchemaVersion)"))
    }

    @Test("config set validates, get shows the source, precedence flag > env > stored")
    func config() throws {
        var (db, env) = try seededLedger()
        env["SPX_DATA_THETADATA_BASE_URL"] = nil
        let bad = try CLI.run(["config", "set", "thetadata.maxConcurrentRequests", "100"], environment: env)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("'100'") && bad.stderr.contains("1 to 64"))
        let unknown = try CLI.run(["config", "set", "thetadata.port", "1"], environment: env)
        #expect(unknown.status == 64 && unknown.stderr.contains("thetadata.baseUrl"))
        #expect(try CLI.run(["config", "set", "thetadata.maxConcurrentRequests", "8"], environment: env).status == 0)
        func get() throws -> String { try CLI.run(["config", "get", "thetadata.maxConcurrentRequests"], environment: env).stdout }
        #expect(try get() == "8\t(stored)\n")
        env["SPX_DATA_THETADATA_MAX_CONCURRENT_REQUESTS"] = "2"
        #expect(try get() == "2\t(env)\n")
        let flag = try CLI.run(["config", "get", "thetadata.maxConcurrentRequests", "--set", "thetadata.maxConcurrentRequests=16"],
                               environment: env)
        #expect(flag.stdout == "16\t(flag)\n")
        #expect(try StateStore(path: db).storedConfiguration()["thetadata.maxConcurrentRequests"] == "8")
    }

    @Test("config validate fails until the start date is set")
    func validate() throws {
        let (_, env) = try seededLedger()
        let before = try CLI.run(["config", "validate"], environment: env)
        #expect(before.status == 1 && before.stdout.contains("processing.startDate is required"))
        #expect(try CLI.run(["config", "set", "processing.startDate", "2020-01-02"], environment: env).status == 0)
        #expect(try CLI.run(["config", "validate"], environment: env).status == 0)
    }

    @Test("config reset refuses without a terminal or --yes, and resets with --yes")
    func reset() throws {
        let (db, env) = try seededLedger()
        _ = try CLI.run(["config", "set", "processing.interval", "5m"], environment: env)
        let refused = try CLI.run(["config", "reset"], environment: env)
        #expect(refused.status == 1 && refused.stderr.contains("--yes"))
        #expect(try StateStore(path: db).storedConfiguration().count == 1)
        let done = try CLI.run(["config", "reset", "--yes"], environment: env)
        #expect(done.status == 0)
        #expect(try StateStore(path: db).storedConfiguration().isEmpty)
    }

    @Test("--db beats SPX_DATA_DB; an unusable database exits 2 naming the path")
    func databaseLocation() throws {
        let (_, env) = try seededLedger()
        let other = try CLI.temporaryDirectory() + "/other.db"
        let result = try CLI.run(["list", "--db", other, "--format", "json"], environment: env)
        #expect(result.stdout == "[]\n")
        try Data(repeating: 7, count: 8192).write(to: URL(fileURLWithPath: other))
        let broken = try CLI.run(["status", "--db", other], environment: env)
        #expect(broken.status == 2 && broken.stderr.contains(other))
    }

    @Test("every ledger command has help with examples", arguments: [
        ["config", "get"], ["config", "set"], ["config", "validate"], ["config", "reset"], ["status"], ["list"],
        ["health"], ["errors"], ["metrics"],
    ])
    func help(command: [String]) throws {
        let result = try CLI.run(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:") && result.stdout.contains("--db"))
    }
}
