import Foundation
import Quality
import Testing

/// `spx-data quality --file` is the engine as a researcher runs it: the built binary, judging a
/// day broken at known rows, reports exactly what the engine counts, check by check.
@Suite("spx-data quality --file reports the injected counts")
struct CommandLineTests {
    static let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/spx-data").path

    /// The command's JSON for a file, by check id: (evaluated, failed).
    func command(_ path: String) throws -> [String: (Int64, Int64)] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SPX_DATA"] ?? Self.binary)
        process.arguments = ["quality", "--file", path, "--format", "json", "--db", path + ".ledger.db"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let checks = try #require(object["checks"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: checks.map { check in
            (check["id"] as? String ?? "", (Int64(check["evaluated"] as? Int ?? -1), Int64(check["failed"] as? Int ?? -1)))
        })
    }

    @Test("crossed quotes, rows of another date and a repeated row: the command's counts are the engine's, none elsewhere")
    func injectedCounts() throws {
        var table = SimulatedDay.greeks
        for row in [100, 2_000, 20_000] { table.set(row, "bid", table.double(row, "ask") + 0.05) }
        table.duplicate(7_000)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString).parquet").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try table.write(to: path)
        let engine = try QualityAssessor().assess(path: path)
        let reported = try command(path)
        for check in engine.checks {
            let (evaluated, failed) = try #require(reported[check.id.rawValue], "\(check.id.rawValue) missing")
            #expect(evaluated == check.evaluated && failed == check.failed, "\(check.id.rawValue)")
        }
        #expect(reported["V2"]?.1 ?? 0 >= 3 && reported["U1"]?.1 == 1, "\(reported)")
        #expect(!FileManager.default.fileExists(atPath: path + ".ledger.db"))
    }
}
