import Foundation
import StateStore
import Testing

/// An archive with one committed day, for runs whose settings then point somewhere unusable:
/// whatever they do must leave that day, its file and its ledger row as they were.
struct CommittedDay {
    static let date = "2024-03-15"
    let simulator: SimulatorProcess
    let archive: ArchiveDirectory
    let committed: ProcessingRecord

    init() throws {
        simulator = try SimulatorProcess(["--port", "0", "--scale", "0.01"])
        archive = try ArchiveDirectory(simulator)
        let result = try CLI.run(["process", Self.date] + archive.settings)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        committed = try #require(try archive.record(Self.date))
    }

    /// The settings with `key` pointing at `path` instead.
    func settings(_ key: ConfigurationKey, _ path: String) -> [String] {
        archive.settings.map { $0.hasPrefix(key.rawValue + "=") ? "\(key.rawValue)=\(path)" : $0 }
    }

    /// Every file and directory under the scratch directory but the ledger's own files.
    func tree() -> [String] {
        (FileManager.default.enumerator(atPath: archive.path)?.allObjects as? [String] ?? [])
            .filter { !$0.hasPrefix("ledger.db") }.sorted()
    }

    /// The ledger holds the committed day only, unchanged, and its file still verifies.
    func expectUntouched() throws {
        #expect(try archive.store().processingRecords() == [committed])
        #expect(try archive.store().errors().isEmpty)
        let verify = try CLI.run(["verify", "--all"] + archive.settings)
        #expect(verify.status == 0 && verify.stdout.contains("1 of 1 file(s) sound"), "\(verify.stdout)")
    }
}

@Suite("unusable output and staging directories", .serialized)
struct BadInputTests {
    /// Another session than the committed one, so a run that got going would add a row.
    static let date = "2024-03-14"

    @Test("a directory setting under a regular file: exit 1 naming the setting, the path and the fix; nothing fetched or recorded",
          arguments: [ConfigurationKey.outputDirectory, .tempDirectory])
    func pathUnderAFile(key: ConfigurationKey) throws {
        let day = try CommittedDay()
        defer { _ = day.simulator.stop() }
        let blocker = day.archive.path + "/blocker"
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))
        let before = day.tree()
        let unusable = blocker + "/archive"

        let result = try CLI.run(["process", Self.date] + day.settings(key, unusable))
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: \(key.rawValue) \(unusable) cannot be used: \(blocker) is a file, not a directory"),
                "\(result.stderr)")
        #expect(result.stderr.contains("spx-data config set \(key.rawValue) DIR") && result.stderr.contains("Nothing was fetched or recorded"))
        #expect(!result.stdout.contains("FAILED"), "no date should have been started: \(result.stdout)")
        #expect(day.tree() == before)
        try day.expectUntouched()

        // A range and the gap engine stop the same way, before any date.
        let range = try CLI.run(["process-range", "2024-03-13", Self.date] + day.settings(key, unusable))
        #expect(range.status == 1 && range.stderr.contains("\(key.rawValue) \(unusable) cannot be used"), "\(range.stderr)")
        let gaps = try CLI.run(["process-gaps", "--start-date", "2024-03-11"] + day.settings(key, unusable))
        #expect(gaps.status == 1 && gaps.stderr.contains("\(key.rawValue) \(unusable) cannot be used"), "\(gaps.stderr)")
        #expect(day.tree() == before)
        try day.expectUntouched()
    }

    /// Root writes through a directory's mode bits, so there this case cannot be made; the
    /// path under a file above is the one that holds for every user.
    @Test("a read-only output directory: exit 1 naming it and the fix; the archive and the ledger unchanged",
          .enabled(if: getuid() != 0, "running as root, which writes through a 0555 directory"))
    func readOnlyOutputDirectory() throws {
        let day = try CommittedDay()
        defer { _ = day.simulator.stop() }
        let output = day.archive.path + "/archive"
        #expect(chmod(output, 0o555) == 0)
        defer { chmod(output, 0o700) }
        let before = day.tree()

        let result = try CLI.run(["process", Self.date] + day.archive.settings)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: processing.outputDirectory \(output) cannot be used: \(output) is not writable"),
                "\(result.stderr)")
        #expect(result.stderr.contains("spx-data config set processing.outputDirectory DIR"))
        #expect(day.tree() == before)
        try day.expectUntouched()
    }

    @Test("a missing output directory that can be created is created, and the day archived")
    func missingOutputDirectoryIsCreated() throws {
        let day = try CommittedDay()
        defer { _ = day.simulator.stop() }
        let fresh = day.archive.path + "/new/archive"
        let result = try CLI.run(["process", Self.date] + day.settings(.outputDirectory, fresh))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: fresh + "/2024/03/14/spx-options-\(Self.date).parquet"))
    }
}

@Suite("symbols that cannot be archived")
struct SymbolInputTests {
    @Test("a --symbol that is not a ticker exits 64 before the ledger is opened",
          arguments: ["", "../x", "SPX,SPY", "S P X", "ABCDEFGHIJK"])
    func notATicker(symbol: String) throws {
        let dir = try CLI.temporaryDirectory()
        for command in [["process", "2024-03-15"], ["process-range", "2024-03-14", "2024-03-15"], ["retry", "--all-failed"]] {
            let result = try CLI.run(command + ["--symbol", symbol, "--db", dir + "/ledger.db"])
            #expect(result.status == 64, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("--symbol '\(symbol)' is not a symbol"), "\(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test("a well-formed symbol the Terminal does not list fails the date naming it and the fix")
    func unknownToTheTerminal() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.01"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        let result = try CLI.run(["process", "2024-03-15", "--symbol", "zzz"] + archive.settings)
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAILED ZZZ 2024-03-15: the Terminal lists no ZZZ contracts on 2024-03-15. "
                                       + "Check that your subscription covers that date and symbol."), "\(result.stdout)")
        let record = try #require(try archive.store().processingRecords().first)
        #expect(record.symbol == "ZZZ" && record.status == .failed && record.errorType == "terminal_noData")
        #expect(!FileManager.default.fileExists(atPath: archive.path + "/archive"))
    }
}
