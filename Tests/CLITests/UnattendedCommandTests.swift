import Foundation
import StateStore
import Testing

/// A day whose last expiration trickles from the simulator, so a run can be caught in the
/// middle: two expirations staged, the third still arriving.
struct SlowDay {
    static let date = "2024-03-15"
    /// Of the day's three expirations at scale 0.02 (SPX 03-15, SPXW 03-15, SPXW 03-18), the last one is slow.
    static let faults = "trickle:exp=2024-03-18,bytes=64,delay=50ms"

    let slow: SimulatorProcess
    let archive: ArchiveDirectory

    init() throws {
        slow = try SimulatorProcess(["--port", "0", "--scale", "0.02", "--faults", Self.faults])
        archive = try ArchiveDirectory(slow)
    }

    var stagingDirectory: String { archive.path + "/staging/SPX/\(Self.date)/greeks" }

    func stagedFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: stagingDirectory)) ?? []).filter { $0.hasSuffix(".ndjson") }.sorted()
    }

    /// Starts `process DATE` and waits until two expirations are staged.
    func startCaughtMidway() throws -> BackgroundCLI {
        let run = try BackgroundCLI(["process", Self.date] + archive.settings, in: archive.path)
        let midway = eventually(within: 60) { stagedFiles().count >= 2 }
        #expect(midway, "two expirations should be staged while the third trickles")
        return run
    }

    func record() throws -> ProcessingRecord? {
        try archive.record(Self.date)
    }

    func errors() throws -> [ErrorRecord] { try archive.store().errors() }

    /// Every file under the archive tree.
    func archiveFiles() -> [String] {
        (FileManager.default.enumerator(atPath: archive.path + "/archive")?.allObjects as? [String] ?? [])
            .filter { !$0.hasSuffix("/") && ($0.contains(".parquet")) }
    }
}

@Suite("stop, retry, cleanup, and recovery from a killed run", .serialized)
struct UnattendedCommandTests {
    @Test("stop: a second process is refused meanwhile; the run stops gracefully, keeps its stage, and retry resumes it")
    func stopThenRetry() throws {
        let day = try SlowDay()
        defer { _ = day.slow.stop() }
        let run = try day.startCaughtMidway()

        let second = try CLI.run(["process", SlowDay.date] + day.archive.settings)
        #expect(second.status == 1)
        #expect(second.stdout.contains("is being processed by process \(run.pid)"), "\(second.stdout)")
        #expect(try day.record()?.processId == run.pid)

        let stop = try CLI.run(["stop", "--timeout", "30", "--db", day.archive.path + "/ledger.db"])
        #expect(stop.status == 0, "\(stop.stderr)")
        #expect(stop.stdout.contains("asked process \(run.pid) to stop: SPX greeks \(SlowDay.date)") && stop.stdout.contains("stopped"))
        let (status, output) = run.wait()
        #expect(status == 128 + SIGTERM, "\(output)")
        #expect(output.contains("stopping on SIGTERM"))

        let stopped = try #require(try day.record())
        #expect(stopped.status == .failed && stopped.errorType == "cancelled" && stopped.processId == nil)
        #expect(day.archiveFiles().isEmpty, "\(day.archiveFiles())")
        #expect(day.stagedFiles().count >= 2)
        #expect(try CLI.run(["stop", "--db", day.archive.path + "/ledger.db"]).stdout == "nothing is running\n")

        let keep = try CLI.run(["cleanup", "--temp-files", "--dry-run"] + day.archive.settings)
        #expect(keep.status == 0 && keep.stdout == "nothing to clean up\n", "\(keep.stdout)")
        let failedStage = try CLI.run(["cleanup", "--failed-outputs", "--dry-run", "--format", "json"] + day.archive.settings)
        #expect(failedStage.stdout.contains(day.stagingDirectory) && failedStage.stdout.contains("staging kept for a failed date"))

        let healthy = try SimulatorProcess(["--port", "0", "--scale", "0.02"])
        defer { _ = healthy.stop() }
        let settings = day.archive.settings(baseURL: healthy.baseURL())
        let capped = try CLI.run(["retry", SlowDay.date, "--set", "processing.maxRetries=0"] + settings)
        #expect(capped.status == 1 && capped.stderr.contains("processing.maxRetries is 0"), "\(capped.stderr)")
        let unconfirmed = try CLI.run(["retry", SlowDay.date, "--force", "--set", "processing.maxRetries=0"] + settings)
        #expect(unconfirmed.status == 64 && unconfirmed.stderr.contains("add --yes"), "\(unconfirmed.stderr)")

        let retry = try CLI.run(["retry", SlowDay.date, "--force", "--yes", "--set", "processing.maxRetries=0"] + settings)
        #expect(retry.status == 0, "\(retry.stdout)\(retry.stderr)")
        #expect(retry.stdout.contains("was cancelled: resuming from staged expirations"))
        let done = try #require(try day.record())
        #expect(done.status == .success && done.retryCount == 1)
        // Only the one expiration that was not staged is asked for again.
        #expect(done.apiRequestsMade == 1, "\(String(describing: done.apiRequestsMade))")
        let errors = try day.errors()
        #expect(errors.map(\.errorType) == ["cancelled"])
        #expect(errors.first?.resolutionMethod == "retry succeeded on attempt 2")
        #expect(day.stagedFiles().isEmpty)
    }

    @Test("kill -9 mid-day: every command notes the stale row; the next run takes over, resumes and completes")
    func killedRunRecovers() throws {
        let day = try SlowDay()
        defer { _ = day.slow.stop() }
        let run = try day.startCaughtMidway()
        kill(run.pid, SIGKILL)
        _ = run.wait()
        #expect(try day.record()?.status == .processing)

        let status = try CLI.run(["list", "--db", day.archive.path + "/ledger.db"])
        #expect(status.stderr.contains("was left processing by process \(run.pid), which is gone"), "\(status.stderr)")

        let healthy = try SimulatorProcess(["--port", "0", "--scale", "0.02"])
        defer { _ = healthy.stop() }
        let rerun = try CLI.run(["process", SlowDay.date] + day.archive.settings(baseURL: healthy.baseURL()))
        #expect(rerun.status == 0, "\(rerun.stdout)\(rerun.stderr)")
        #expect(rerun.stdout.contains("process \(run.pid) stopped while processing it; resuming"))
        let done = try #require(try day.record())
        #expect(done.status == .success && done.apiRequestsMade == 1 && done.retryCount == 1)

        // The same day from scratch holds the same rows: nothing lost, nothing twice.
        let fresh = try ArchiveDirectory(healthy)
        #expect(try CLI.run(["process", SlowDay.date] + fresh.settings).status == 0)
        let freshRecord = try #require(try fresh.store().processingRecords().first)
        // The files differ in their creation time; the rows they were made from must not.
        #expect(done.recordCount == freshRecord.recordCount)
        let resumed = try contentHash(day.archive.file(SlowDay.date))
        let reference = try contentHash(fresh.file(SlowDay.date))
        #expect(resumed.count == 64 && resumed == reference)
        #expect(day.archiveFiles().sorted() == ["2024/03/15/spx-options-2024-03-15.parquet", "2024/03/15/spx-options-2024-03-15.parquet.sha256"])
        let errors = try day.errors()
        #expect(errors.map(\.errorType) == ["interrupted"] && errors.first?.resolvedAt != nil)
    }

    @Test("SIGINT: the run abandons the expiration in flight, keeps the staged ones, marks the date cancelled")
    func interruptStopsGracefully() throws {
        let day = try SlowDay()
        defer { _ = day.slow.stop() }
        let run = try day.startCaughtMidway()
        kill(run.pid, SIGINT)
        let (status, output) = run.wait()
        #expect(status == 128 + SIGINT, "\(output)")
        #expect(output.contains("stopping on SIGINT"), "\(output)")
        let record = try #require(try day.record())
        #expect(record.status == .failed && record.errorType == "cancelled" && record.processId == nil)
        #expect(day.stagedFiles().count >= 2)
        #expect(day.archiveFiles().isEmpty, "\(day.archiveFiles())")
    }

    @Test("a second signal exits at once: no ledger update, nothing in the archive tree, and the next run resumes")
    func secondSignalStopsAtOnce() throws {
        let day = try SlowDay()
        defer { _ = day.slow.stop() }
        let run = try day.startCaughtMidway()
        // Two signals back to back: whichever is handled second exits without unwinding.
        kill(run.pid, SIGINT)
        kill(run.pid, SIGTERM)
        let (status, output) = run.wait()
        #expect([128 + SIGINT, 128 + SIGTERM].contains(status), "\(output)")
        // Not marked cancelled: the process left before the graceful stop could record it.
        let record = try #require(try day.record())
        #expect(record.status == .processing && record.processId == run.pid, "\(record.status) \(output)")
        #expect(day.archiveFiles().isEmpty, "\(day.archiveFiles())")
        let staged = day.stagedFiles().count

        let healthy = try SimulatorProcess(["--port", "0", "--scale", "0.02"])
        defer { _ = healthy.stop() }
        let rerun = try CLI.run(["process", SlowDay.date] + day.archive.settings(baseURL: healthy.baseURL()))
        #expect(rerun.status == 0, "\(rerun.stdout)\(rerun.stderr)")
        let done = try #require(try day.record())
        #expect(done.status == .success && done.apiRequestsMade == 3 - staged, "\(staged) staged")
    }

    @Test("process-gaps: a dry run plans oldest first with an estimate and writes nothing; the run fills exactly the batch")
    func processGaps() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.01"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        let noStart = try CLI.run(["process-gaps"] + archive.settings)
        #expect(noStart.status == 64 && noStart.stderr.contains("config set processing.startDate"), "\(noStart.stderr)")

        #expect(try CLI.run(["process", "2024-03-12"] + archive.settings).status == 0)
        let options = ["--start-date", "2024-03-11", "--order", "date", "--batch-size", "3"] + archive.settings
        let plan = try CLI.run(["process-gaps", "--dry-run", "--format", "json"] + options)
        #expect(plan.status == 0, "\(plan.stderr)")
        // 03-12 is archived, so the three oldest gaps skip it.
        for date in ["2024-03-11", "2024-03-13", "2024-03-14"] { #expect(plan.stdout.contains("\"date\" : \"\(date)\""), "\(plan.stdout)") }
        #expect(!plan.stdout.contains("\"2024-03-12\"") && !plan.stdout.contains("\"2024-03-15\""))
        #expect(plan.stdout.contains("the average of 1 successful day(s)"), "\(plan.stdout)")
        #expect(!FileManager.default.fileExists(atPath: archive.file("2024-03-11")))
        #expect(try archive.store().processingRecords().count == 1)

        let run = try CLI.run(["process-gaps"] + options)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("3 date(s) archived, 0 failed"))
        for date in ["2024-03-11", "2024-03-13", "2024-03-14"] { #expect(FileManager.default.fileExists(atPath: archive.file(date))) }
        #expect(!FileManager.default.fileExists(atPath: archive.file("2024-03-15")))
    }
}

/// The footer's hash of the staged rows a day file was made from.
func contentHash(_ file: String) throws -> String {
    let inspect = try CLI.run(["parquet", "inspect", file, "--format", "json"])
    let line = inspect.stdout.split(separator: "\n").first { $0.contains("\"spx-data.content_sha256\"") } ?? ""
    return String(line.split(separator: "\"").dropLast().last ?? "")
}
