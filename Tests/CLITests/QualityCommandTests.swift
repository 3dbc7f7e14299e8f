import Foundation
import StateStore
import Testing

@Suite("spx-data quality: every day judged, recorded and explained", .serialized)
struct QualityCommandTests {
    static let ids = ["S1", "S2", "S3", "S4", "U1", "U2", "U3", "C1", "C2", "C3", "C4", "C5", "C6", "V1", "V2", "V3", "V4", "V5", "V6",
                      "V7", "V8", "V9", "V11", "G1", "G2", "G3", "G4", "I1", "I3", "I4", "X1", "X2", "X3", "X4", "X5", "T1", "T2", "T3"]

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("a processed day is judged and recorded: every check in JSON, the file's hash, grade A; CSV, HTML, status, metrics")
    func processedDay() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.01"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        #expect(try CLI.run(["process", "2024-03-15"] + archive.settings).status == 0)
        let result = try CLI.run(["quality", "2024-03-15", "--format", "json"] + archive.settings)
        #expect(result.status == 0, "\(result.stderr)")
        let day = try json(result.stdout)
        for key in ["date", "symbol", "dataset", "sha256", "suite_version", "thresholds_hash", "score", "grade", "dimensions",
                    "checks", "funnel", "recommendations"] {
            #expect(day[key] != nil, "\(key) missing")
        }
        let checks = try #require(day["checks"] as? [[String: Any]])
        #expect(checks.compactMap { $0["id"] as? String } == Self.ids)
        #expect(day["grade"] as? String == "A", "\(result.stdout.prefix(2000))")
        #expect(day["sha256"] as? String == (try archive.record("2024-03-15")?.checksum))
        // The ledger's facts were there: the Terminal's listing (C2) and the planning (C3).
        let c2 = try #require(checks.first { $0["id"] as? String == "C2" })
        #expect((c2["evaluated"] as? Int ?? 0) > 0 && c2["failed"] as? Int == 0)

        let csv = try CLI.run(["quality", "2024-03-15", "--format", "csv"] + archive.settings)
        #expect(csv.stdout.split(separator: "\n").count == 1 + Self.ids.count)
        let html = try CLI.run(["quality", "2024-03-15", "--format", "html"] + archive.settings)
        #expect(html.stdout.hasPrefix("<!doctype html>") && !html.stdout.contains("<script") && !html.stdout.contains("src="))
        #expect(Self.ids.allSatisfy { html.stdout.contains(">\($0)<") })

        let status = try CLI.run(["status"] + archive.settings)
        #expect(status.stdout.contains("A 1, B 0, C 0, D 0, F 0"), "\(status.stdout)")
        let metrics = try CLI.run(["metrics", "--format", "json"] + archive.settings)
        #expect(metrics.stdout.contains("\"quality_score\"") && metrics.stdout.contains("\"grade\" : \"A\"")
                || metrics.stdout.contains("\"grade\": \"A\""), "\(metrics.stdout.prefix(600))")

        // Recomputable: the same file and thresholds give the same score and hash; other thresholds another hash.
        let again = try json(try CLI.run(["quality", "2024-03-15", "--recompute", "--format", "json"] + archive.settings).stdout)
        #expect(again["score"] as? Double == day["score"] as? Double && again["thresholds_hash"] as? String == day["thresholds_hash"] as? String)
        let other = try json(try CLI.run(["quality", "2024-03-15", "--recompute", "--format", "json",
                                          "--set", "quality.spikeDeviations=8"] + archive.settings).stdout)
        #expect(other["thresholds_hash"] as? String != day["thresholds_hash"] as? String)
    }

    @Test("a day graded below quality.minGrade is a gap to re-fetch; off by default")
    func belowQualityGap() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.01"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        #expect(try CLI.run(["process-range", "2024-03-14", "2024-03-15"] + archive.settings).status == 0)
        // As if 2024-03-14 had been judged C.
        let store = try archive.store()
        var stored = try #require(try store.quality(symbol: "SPX", dataset: "greeks", date: "2024-03-14"))
        stored.result.grade = "C"
        stored.result.score = 72
        try store.save(quality: stored.result, checks: stored.checks)
        let plain = try CLI.run(["gaps", "--start-date", "2024-03-14", "--end-date", "2024-03-15"] + archive.settings)
        #expect(plain.stdout.contains("0 gaps"), "\(plain.stdout)")
        let floor = ["--set", "quality.minGrade=B"]
        let gaps = try CLI.run(["gaps", "--start-date", "2024-03-14", "--end-date", "2024-03-15"] + archive.settings + floor)
        #expect(gaps.stdout.contains("1 below quality") && gaps.stdout.contains("2024-03-14"), "\(gaps.stdout)")
        let plan = try CLI.run(["process-gaps", "--dry-run", "--start-date", "2024-03-14"] + archive.settings + floor,
                               environment: ["SPX_DATA_NOW": "2024-03-15T18:00"])
        #expect(plan.stdout.contains("2024-03-14  below_quality"), "\(plan.stdout)")
        let judged = try CLI.run(["quality", "--range", "2024-03-14..2024-03-15"] + archive.settings + floor)
        #expect(judged.status == 1, "a day below the floor fails the command")
    }

    @Test("a lone file is judged without the ledger: its ledger checks are not evaluated, nothing is recorded")
    func loneFile() throws {
        let fixture = ArchiveSchemaVersionTests.fixture
        let dir = try CLI.temporaryDirectory()
        let result = try CLI.run(["quality", "--file", fixture, "--format", "json", "--db", dir + "/ledger.db"])
        #expect(result.status == 0, "\(result.stderr)")
        let day = try json(result.stdout)
        #expect(day["symbol"] as? String == "SPY" && day["date"] as? String == "2024-03-15")
        let checks = try #require(day["checks"] as? [[String: Any]])
        for id in ["C2", "C3", "C5", "U3"] {
            #expect(checks.first { $0["id"] as? String == id }?["evaluated"] as? Int == 0, "\(id)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/ledger.db"), "a lone file makes no ledger")
        let table = try CLI.run(["quality", "--file", fixture, "--db", dir + "/ledger.db"])
        #expect(table.stdout.contains("SPY greeks 2024-03-15: score") && table.stdout.contains("not evaluated"), "\(table.stdout)")
    }

    @Test("bad input exits 64 naming the fix; a date never archived exits 1", arguments: [
        (["quality"], "give exactly one of a date, --range, --all or --file", Int32(64)),
        (["quality", "2024-03-15", "--all"], "give exactly one of", Int32(64)),
        (["quality", "--file", "/nonexistent/x.parquet"], "cannot be read as Parquet", Int32(64)),
        (["quality", "--file", "x.parquet", "--recompute"], "--recompute goes with", Int32(64)),
        (["quality", "2024-03-15", "--format", "pdf"], "pdf", Int32(64)),
        (["quality", "2024-03-15"], "no archived greeks day on 2024-03-15", Int32(1)),
    ])
    func badInput(arguments: [String], message: String, status: Int32) throws {
        let dir = try CLI.temporaryDirectory()
        let result = try CLI.run(arguments + ["--db", dir + "/ledger.db"])
        #expect(result.status == status, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
