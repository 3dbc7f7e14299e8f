import Foundation
import StateStore
import Testing

@Suite("The subscription's history and the vendor's publication time", .serialized)
struct VendorLimitsTests {
    @Test("a date before the tier's history is refused before any request, naming the tier and the key")
    func beforeHistoryStart() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.01"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        let value = ["--set", "thetadata.subscription=value"]
        let refused = try CLI.run(["process", "2019-12-31"] + archive.settings + value)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("before 2020-01-01") && refused.stderr.contains("thetadata.subscription=value"), "\(refused.stderr)")
        #expect(refused.stderr.contains("thetadata.historyStart"))
        #expect(try archive.record("2019-12-31") == nil)
        // The account reaches further: the key says so, and the date is archived.
        let allowed = try CLI.run(["process", "2019-12-31"] + archive.settings + value + ["--set", "thetadata.historyStart=2019-06-03"])
        #expect(allowed.status == 0, "\(allowed.stdout) \(allowed.stderr)")
        // A range keeps the dates the subscription covers and says which it left out.
        let range = try CLI.run(["process-range", "2019-12-30", "2020-01-02"] + archive.settings + value)
        #expect(range.status == 0, "\(range.stderr)")
        #expect(range.stderr.contains("2 session(s) before the subscription's history"), "\(range.stderr)")
        #expect(range.stdout.contains("1 date(s) archived, 0 failed"), "\(range.stdout)")
        // gaps does not count what the subscription cannot have.
        let gaps = try CLI.run(["gaps", "--start-date", "2019-12-27", "--end-date", "2020-01-03", "--format", "json"]
                               + archive.settings + value)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(gaps.stdout.utf8)) as? [String: Any])
        let symbol = try #require((json["symbols"] as? [[String: Any]])?.first)
        #expect(symbol["before_history_start"] as? Int == 3 && symbol["gap_count"] as? Int == 1, "\(gaps.stdout)")
        #expect(json["history_start"] as? String == "2020-01-01")
    }

    @Test("the tier sets the default request cap; an explicit cap wins")
    func tierCaps() throws {
        let dir = try CLI.temporaryDirectory()
        for (tier, cap) in [("free", "1"), ("value", "2"), ("standard", "4"), ("pro", "8")] {
            let got = try CLI.run(["config", "get", "thetadata.maxConcurrentRequests", "--db", dir + "/l.db",
                                   "--set", "thetadata.subscription=\(tier)"])
            #expect(got.stdout == "\(cap)\t(default)\n", "\(tier)")
        }
        let explicit = try CLI.run(["config", "get", "thetadata.maxConcurrentRequests", "--db", dir + "/l.db",
                                    "--set", "thetadata.subscription=pro", "--set", "thetadata.maxConcurrentRequests=3"])
        #expect(explicit.stdout == "3\t(flag)\n")
        let start = try CLI.run(["config", "get", "thetadata.historyStart", "--db", dir + "/l.db", "--set", "thetadata.subscription=pro"])
        #expect(start.stdout == "2012-06-01\t(default)\n")
    }

    @Test("today before the publication time is refused with the time, pending in gaps and status; --force asks anyway")
    func todayBeforePublication() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.01"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        let afternoon = ["SPX_DATA_NOW": "2024-03-15T15:00"]
        let refused = try CLI.run(["process", "today"] + archive.settings, environment: afternoon)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("2024-03-15 is not published by ThetaData until 17:30 New York"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--force"))
        // After an early close the day comes out as much earlier.
        let blackFriday = try CLI.run(["process", "today"] + archive.settings, environment: ["SPX_DATA_NOW": "2024-11-29T14:00"])
        #expect(blackFriday.status == 64 && blackFriday.stderr.contains("until 14:30 New York"), "\(blackFriday.stderr)")
        let future = try CLI.run(["process", "2024-03-18"] + archive.settings, environment: afternoon)
        #expect(future.status == 64 && future.stderr.contains("in the future"), "\(future.stderr)")

        // A range stops at what is published; today is left out with a note.
        let range = try CLI.run(["process-range", "2024-03-13", "2024-03-19"] + archive.settings, environment: afternoon)
        #expect(range.status == 0, "\(range.stderr)")
        #expect(range.stderr.contains("1 session(s) not published by ThetaData yet"), "\(range.stderr)")
        #expect(range.stderr.contains("2 session(s) in the future left out: 2024-03-18..2024-03-19"), "\(range.stderr)")
        #expect(range.stdout.contains("2 date(s) archived"))

        let gaps = try CLI.run(["gaps", "--start-date", "2024-03-11"] + archive.settings, environment: afternoon)
        #expect(gaps.stdout.contains("2024-03-15: pending at vendor, not a gap"), "\(gaps.stdout)")
        #expect(gaps.stdout.contains("2 gaps"), "\(gaps.stdout)")
        let status = try CLI.run(["status", "--set", "processing.startDate=2024-03-13"] + archive.settings, environment: afternoon)
        #expect(status.stdout.contains("2024-03-15: not published by ThetaData yet, not a gap"), "\(status.stdout)")
        let dryRun = try CLI.run(["process-gaps", "--dry-run", "--start-date", "2024-03-11"] + archive.settings, environment: afternoon)
        #expect(dryRun.stdout.contains("2024-03-11") && !dryRun.stdout.contains("2024-03-15  "), "\(dryRun.stdout)")
        #expect(dryRun.stdout.contains("2024-03-15 pending at vendor"), "\(dryRun.stdout)")

        let forced = try CLI.run(["process", "today", "--force"] + archive.settings, environment: afternoon)
        #expect(forced.status == 0, "\(forced.stdout) \(forced.stderr)")
        #expect(forced.stdout.contains("SPX 2024-03-15 archived before ThetaData published it"), "\(forced.stdout)")
        #expect(try archive.record("2024-03-15")?.errorType == "archived_early")
        // Once published, the early day is a gap to fill again, beside the two never attempted.
        let evening = try CLI.run(["gaps", "--start-date", "2024-03-11"] + archive.settings, environment: ["SPX_DATA_NOW": "2024-03-15T18:00"])
        #expect(!evening.stdout.contains("pending at vendor") && evening.stdout.contains("3 gaps"), "\(evening.stdout)")
        #expect(evening.stdout.contains("1 archived before publication"), "\(evening.stdout)")
        let refill = try CLI.run(["process-gaps", "--start-date", "2024-03-15"] + archive.settings,
                                 environment: ["SPX_DATA_NOW": "2024-03-15T18:00"])
        #expect(refill.status == 0, "\(refill.stdout) \(refill.stderr)")
        #expect(try archive.record("2024-03-15")?.errorType == nil)
    }

    @Test("SPX_DATA_NOW that is not a New York date and time stops the command")
    func badClock() throws {
        let dir = try CLI.temporaryDirectory()
        let result = try CLI.run(["gaps", "--start-date", "2024-03-11", "--db", dir + "/l.db"], environment: ["SPX_DATA_NOW": "3pm"])
        #expect(result.status == 64 && result.stderr.contains("SPX_DATA_NOW='3pm'"), "\(result.stderr)")
    }

    @Test("v3 JSON is refused by the configuration, naming why; NDJSON archives the same day")
    func bodyFormats() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.01"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        let json = try CLI.run(["process", "2024-03-15", "--set", "thetadata.format=json"] + archive.settings)
        #expect(json.status == 64)
        #expect(json.stderr.contains("thetadata.format") && json.stderr.contains("2025-10-31") && json.stderr.contains("ndjson"), "\(json.stderr)")
        #expect(try archive.record("2024-03-15") == nil)
        let validate = try CLI.run(["config", "validate", "--set", "thetadata.format=json", "--set", "processing.startDate=2024-01-02",
                                    "--db", archive.path + "/ledger.db"])
        #expect(validate.status == 1 && validate.stdout.contains("thetadata.format"), "\(validate.stdout) \(validate.stderr)")
        let v2 = try CLI.run(["config", "validate", "--set", "thetadata.apiVersion=v2", "--set", "thetadata.format=ndjson",
                              "--set", "processing.startDate=2024-01-02", "--db", archive.path + "/ledger.db"])
        #expect(v2.status == 1 && v2.stdout.contains("API v2 has no NDJSON"), "\(v2.stdout)")

        func footer() throws -> [String: Any] {
            let inspect = try CLI.run(["parquet", "inspect", archive.file("2024-03-15"), "--format", "json"])
            return try #require(try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        }
        // config set refuses a combination before storing it, whichever key comes second.
        let db = ["--db", archive.path + "/ledger.db"]
        let setJSON = try CLI.run(["config", "set", "thetadata.format", "json"] + db)
        #expect(setJSON.status == 64 && setJSON.stderr.contains("2025-10-31"), "\(setJSON.stderr)")
        #expect(try archive.store().storedConfiguration()["thetadata.format"] == nil)
        #expect(try CLI.run(["config", "set", "thetadata.apiVersion", "v2"] + db).status == 0)
        #expect(try CLI.run(["config", "set", "thetadata.format", "json"] + db).status == 0)
        let backToV3 = try CLI.run(["config", "set", "thetadata.apiVersion", "v3"] + db)
        #expect(backToV3.status == 64 && backToV3.stderr.contains("thetadata.format"), "\(backToV3.stderr)")
        #expect(try archive.store().storedConfiguration()["thetadata.apiVersion"] == "v2")
        #expect(try CLI.run(["config", "reset", "--yes"] + db).status == 0)

        let ndjson = try CLI.run(["process", "2024-03-15", "--set", "thetadata.format=ndjson"] + archive.settings)
        #expect(ndjson.status == 0, "\(ndjson.stdout) \(ndjson.stderr)")
        let fromNDJSON = try footer()
        let csv = try CLI.run(["process", "2024-03-15"] + archive.settings)
        #expect(csv.status == 0)
        let fromCSV = try footer()
        // The same rows either way: the footer's content hash is of the staged rows.
        let hash = { (json: [String: Any]) in (json["metadata"] as? [String: String])?["spx-data.content_sha256"] }
        #expect(hash(fromNDJSON) != nil && hash(fromNDJSON) == hash(fromCSV))
        #expect(fromCSV["archive_schema_version"] as? Int == 2)
    }
}
