import ArgumentParser
import Foundation
import MarketCalendar
import Pipeline
import StateStore
import TerminalSimulator
import ThetaData

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the tool's main job end to end against the built-in Terminal simulator.",
        discussion: """
            Starts the Terminal simulator in this process on a free loopback port, configures a \
            fresh archive in --dir (ledger, staging, Parquet), and processes the last --days \
            sessions of SPX (roots SPX and SPXW) with the progress display: every expiration is \
            fetched, staged as NDJSON, converted into one Parquet file per day, verified and \
            committed with a .sha256 sidecar. Prints the summary, the files and how to read them. \
            Needs no data vendor and nothing else running.

            Examples:
              spx-data demo
              spx-data demo --dir /tmp/spx-demo --days 5 --scale 0.2

            Exit status: 0 every day archived; 1 some day failed; 64 invalid input.
            """)

    @Option(help: "Directory for the demo's archive (created if missing; must not hold another demo's ledger in use).")
    var dir: String = "./data/demo"

    @Option(help: "Sessions to process, counting back from the last one before today.")
    var days: Int = 3

    @Option(help: "Chain size of the simulated market: 1.0 is a full day (over 10 million rows).")
    var scale: Double = 0.05

    func validate() throws {
        guard (1...30).contains(days) else { throw ValidationError("--days \(days) is out of range; give 1 to 30.") }
        guard scale > 0, scale <= 1 else { throw ValidationError("--scale must be above 0 and at most 1, not \(scale)") }
    }

    func run() async throws {
        let root = dir.hasSuffix("/") ? String(dir.dropLast()) : dir
        do {
            try FileDigest.makeDirectories(root)
        } catch {
            printError("error: cannot create \(dir): \(error.message). Pass --dir with a writable directory.")
            throw ExitCodes.badInput
        }
        let sessions = Self.lastSessions(days, before: NewYorkClock.today())
        var simulator = SimulatorConfiguration(api: .v3, port: 0)
        simulator.scale = scale
        simulator.logsServerEvents = false
        let dir = root
        try await SimulatorServer.withRunning(simulator) { running in
            let store = try ledger { try StateStore(path: dir + "/ledger.db") }
            // Stored, so that `status`, `verify` and `list` with --db find the demo's archive.
            let settings: [(ConfigurationKey, String)] = [
                (.baseURL, running.baseURL), (.apiVersion, "v3"), (.outputDirectory, dir + "/archive"),
                (.tempDirectory, dir + "/staging"), (.symbols, "SPX"), (.dataset, "greeks"), (.minFreeDiskGB, "1"),
                (.startDate, sessions.first!.description),
            ]
            for (key, value) in settings { _ = try ledger { try store.setConfiguration(key, to: value, source: "demo") } }
            let config = try ledger { try ConfigurationResolver.resolve(stored: try store.storedConfiguration(), environment: [:], flags: [:]) }
            writeOut("Terminal simulator on \(running.baseURL) (scale \(scale)); archiving SPX \(sessions.first!) to \(sessions.last!) into \(dir)\n")
            HeapTuning.reuseLargeBlocks()
            let session = ArchiveSession(store: store, config: config, totalDates: sessions.count)
            let jobs = sessions.map { DayJob(symbol: "SPX", dataset: .greeks, date: $0) }
            let started = ContinuousClock.now
            let (outcomes, _) = await session.run(jobs, parallelDates: 2)
            let summary = RunSummary(outcomes, seconds: ProgressReporter.seconds(since: started))
            writeOut(summary.text)
            if let file = summary.files.last { writeOut(DemoHints(directory: dir, file: file).text) }
            if summary.datesFailed > 0 { throw ExitCodes.checkFailed }
        }
    }

    /// The `count` sessions before `today`, oldest first.
    static func lastSessions(_ count: Int, before today: CivilDate) -> [CivilDate] {
        var out: [CivilDate] = []
        var day = today
        while out.count < count, let previous = NYSECalendar.nyse.previousSession(before: day) {
            out.append(previous)
            day = previous
        }
        return out.reversed()
    }
}
