import Foundation
import StateStore
import Testing

/// A scratch archive whose settings point at a simulator child process.
struct ArchiveDirectory {
    let path: String
    let baseURL: String

    init(_ simulator: SimulatorProcess) throws {
        path = try CLI.temporaryDirectory()
        baseURL = simulator.baseURL()
    }

    var settings: [String] {
        ["--db", path + "/ledger.db", "--set", "thetadata.baseUrl=\(baseURL)", "--set", "processing.outputDirectory=\(path)/archive",
         "--set", "processing.tempDirectory=\(path)/staging", "--set", "processing.minFreeDiskGB=0.001"]
    }

    /// The same ledger and directories with another simulator (a healthy or a faultier one).
    func settings(baseURL other: String) -> [String] {
        settings.map { $0.hasPrefix("thetadata.baseUrl=") ? "thetadata.baseUrl=\(other)" : $0 }
    }

    /// The ledger of this archive.
    func store() throws -> StateStore { try StateStore(path: path + "/ledger.db") }

    func record(_ date: String) throws -> ProcessingRecord? {
        try store().processingRecords().first { $0.date == date }
    }

    func file(_ date: String) -> String {
        let parts = date.split(separator: "-")
        return "\(path)/archive/\(parts[0])/\(parts[1])/\(parts[2])/spx-options-\(date).parquet"
    }
}

@Suite("spx-data process, process-range, verify, demo", .serialized)
struct ProcessCommandTests {
    @Test("process archives a day that verify then finds sound; a changed byte makes verify fail")
    func processThenVerify() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.01"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        let result = try CLI.run(["process", "2024-03-15"] + archive.settings)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 date(s) archived, 0 failed"))
        #expect(FileManager.default.fileExists(atPath: archive.file("2024-03-15")))
        #expect(FileManager.default.fileExists(atPath: archive.file("2024-03-15") + ".sha256"))

        let sound = try CLI.run(["verify", "2024-03-15"] + archive.settings)
        #expect(sound.status == 0 && sound.stdout.contains("1 of 1 file(s) sound"), "\(sound.stdout)")

        let handle = try #require(FileHandle(forWritingAtPath: archive.file("2024-03-15")))
        try handle.seek(toOffset: 100)
        handle.write(Data([0xFF, 0x00, 0xFF]))
        try handle.close()
        let broken = try CLI.run(["verify", "--all", "--format", "json"] + archive.settings)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("\"status\": \"FAILED\"") && broken.stdout.contains("SHA-256 is"))
    }

    @Test("a weekend is refused with exit 64 before the ledger is even opened")
    func weekendRefused() throws {
        let dir = try CLI.temporaryDirectory()
        let result = try CLI.run(["process", "2024-03-16", "--db", dir + "/ledger.db"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("2024-03-16 is not an NYSE session") && result.stderr.contains("2024-03-15"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/ledger.db"))
    }

    @Test("a failing date in a range does not stop the others; the run exits 1 naming it")
    func rangeWithFailingDate() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.01"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        // A file where 2024-03-13's staging directory belongs: that date cannot stage.
        try FileManager.default.createDirectory(atPath: archive.path + "/staging/SPX", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: archive.path + "/staging/SPX/2024-03-13", contents: Data("x".utf8)))
        let result = try CLI.run(["process-range", "2024-03-12", "2024-03-14", "--parallel-dates", "3"] + archive.settings)
        #expect(result.status == 1)
        #expect(result.stdout.contains("2 date(s) archived, 1 failed"), "\(result.stdout)")
        #expect(result.stdout.contains("FAILED SPX 2024-03-13"))
        #expect(FileManager.default.fileExists(atPath: archive.file("2024-03-12")))
        #expect(FileManager.default.fileExists(atPath: archive.file("2024-03-14")))
        #expect(!FileManager.default.fileExists(atPath: archive.file("2024-03-13")))
        let errors = try CLI.run(["errors", "--recent", "5", "--format", "csv", "--db", archive.path + "/ledger.db"])
        #expect(errors.stdout.contains("2024-03-13") && errors.stdout.contains("staging"), "\(errors.stdout)")
    }

    @Test("not enough disk: the failure names the free space and the need, and nothing is fetched")
    func diskTooSmall() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.01"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        let result = try CLI.run(["process", "2024-03-15"] + archive.settings + ["--set", "processing.minFreeDiskGB=1000000"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("free but SPX 2024-03-15 needs 1000000 GB"), "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: archive.path + "/staging"))
    }

    @Test("demo archives the last sessions from its own simulator, and verify agrees")
    func demo() throws {
        let dir = try CLI.temporaryDirectory() + "/demo"
        let result = try CLI.run(["demo", "--dir", dir, "--days", "2", "--scale", "0.01"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 date(s) archived, 0 failed"))
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let verify = try CLI.run(["verify", "--all", "--db", dir + "/ledger.db"])
        #expect(verify.status == 0 && verify.stdout.contains("2 of 2 file(s) sound"), "\(verify.stdout)")
    }

    @Test("a reader that goes away (`| head`) does not stop the archiving")
    func closedStandardOutput() throws {
        let dir = try CLI.temporaryDirectory() + "/demo"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["demo", "--dir", dir, "--days", "1", "--scale", "0.01"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try out.fileHandleForReading.close()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let verify = try CLI.run(["verify", "--all", "--db", dir + "/ledger.db"])
        #expect(verify.status == 0 && verify.stdout.contains("1 of 1 file(s) sound"), "\(verify.stdout)")
    }

    @Test("bad arguments exit 64 with the accepted forms", arguments: [
        (["process", "2024-13-01"], "is not a date"),
        (["process-range", "2024-03-15", "2024-03-11"], "starts (2024-03-15) after it ends"),
        (["process-range", "2024-03-16", "2024-03-17"], "holds no NYSE session"),
        (["process-range", "2024-03-11", "2024-03-15", "--parallel-dates", "9"], "--parallel-dates must be 1 to 8"),
        (["verify"], "exactly one of a date, --range or --all"),
        (["demo", "--days", "0"], "--days 0 is out of range"),
    ])
    func badArguments(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
