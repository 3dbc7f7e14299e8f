import ArgumentParser
import Foundation
import GapAnalysis
import MarketCalendar
import Pipeline
import StateStore
import ThetaData

/// One run of the processing commands: the configured client (one per process, so every
/// date shares its limit on requests in flight), the day processor, the progress display.
struct ArchiveSession {
    let store: StateStore
    let config: ResolvedConfiguration
    let client: ThetaDataClient
    let reporter: ProgressReporter
    let processor: DayProcessor

    init(store: StateStore, config: ResolvedConfiguration, totalDates: Int, progressToStandardError: Bool = false) {
        // The clock is read here first, so a bad SPX_DATA_NOW stops the command before a date is claimed.
        _ = NewYorkClock.now()
        self.store = store
        self.config = config
        var configuration = ClientConfiguration(apiVersion: config.apiVersion == .v2 ? .v2 : .v3, baseURL: config.baseURL,
                                                maxConcurrentRequests: config.maxConcurrentRequests)
        configuration.requestTimeout = config.requestTimeout
        configuration.bodyFormat = Self.bodyFormat(config)
        client = ThetaDataClient(configuration: configuration)
        let reporter = ProgressReporter(totalDates: totalDates, toStandardError: progressToStandardError)
        self.reporter = reporter
        processor = DayProcessor(
            client: client, store: store,
            layout: ArchiveLayout(outputDirectory: config.outputDirectory, stagingDirectory: config.tempDirectory),
            minFreeBytes: config.minFreeDiskBytes, limits: Self.limits(config), progress: { reporter.handle($0) })
    }

    /// The subscription's first date and the vendor's publication time, from the configuration,
    /// with the clock of `NewYorkClock`.
    static func limits(_ config: ResolvedConfiguration) -> VendorLimits {
        let setBy = config.source(of: .historyStart) == .default
            ? "thetadata.subscription=\(config.subscription.rawValue)"
            : "thetadata.historyStart=\(config.historyStart)"
        return VendorLimits(historyStart: CivilDate(config.historyStart).map { ($0, setBy) },
                            availability: VendorAvailability(availableAfter: config.availableAfterMinutes),
                            now: { NewYorkClock.now() })
    }

    /// `thetadata.format` for the configured API (the resolver refused v3 JSON and v2 NDJSON).
    static func bodyFormat(_ config: ResolvedConfiguration) -> BodyFormat {
        switch (config.apiVersion, config[.format]) {
        case (.v3, "ndjson"): .v3NDJSON
        case (.v3, _): .v3CSV
        case (.v2, "csv"): .v2CSV
        case (.v2, _): .v2JSON
        }
    }

    /// The dataset a name (`processing.dataset` or `--dataset`) stands for.
    static func dataset(named name: String) throws -> Dataset {
        guard let dataset = Dataset.all.first(where: { $0.name == name }) else {
            throw ValidationError("unknown dataset '\(name)'; use one of \(Dataset.all.map(\.name).joined(separator: ", "))")
        }
        return dataset
    }

    /// `processing.interval` in milliseconds (`1m` is 60000).
    static func intervalMs(_ text: String) -> Int {
        let units: [(String, Int)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (suffix, ms) in units where text.hasSuffix(suffix) {
            if let n = Int(text.dropLast(suffix.count)) { return n * ms }
        }
        return 60_000
    }

    /// Processes `jobs`, `parallelDates` at a time; a failed date never stops the others.
    /// SIGINT or SIGTERM stops the run gracefully (see `StopSignals`); `stoppedBy` names it.
    func run(_ jobs: [DayJob], parallelDates: Int) async -> (outcomes: [DayOutcome], stoppedBy: Int32?) {
        let reporter = self.reporter
        let ticker = Task { await reporter.runTicker() }
        defer { ticker.cancel() }
        let processor = self.processor
        let work = Task { await Self.process(jobs, parallelDates: parallelDates, with: processor) }
        let signals = StopSignals { number in
            reporter.note("stopping on \(StopSignals.name(number)): abandoning the expirations in flight, keeping what is staged "
                          + "(a second signal stops at once)")
            work.cancel()
        }
        let outcomes = await work.value
        signals.cancel()
        try? await client.shutdown()
        return (outcomes.sorted { $0.job.date < $1.job.date }, signals.stoppedBy)
    }

    private static func process(_ jobs: [DayJob], parallelDates: Int, with processor: DayProcessor) async -> [DayOutcome] {
        // The group's state stays inside its body and is returned: a nested function
        // writing to variables outside the closure miscompiled in release builds here.
        await withTaskGroup(of: DayOutcome.self, returning: [DayOutcome].self) { group in
            var waiting = jobs[...]
            func process(_ job: DayJob) async -> DayOutcome {
                do throws(DayFailure) {
                    return DayOutcome(job: job, result: .success(try await processor.process(job)))
                } catch {
                    return DayOutcome(job: job, result: .failure(error))
                }
            }
            for job in waiting.prefix(max(1, parallelDates)) { group.addTask { await process(job) } }
            waiting = waiting.dropFirst(max(1, parallelDates))
            var outcomes: [DayOutcome] = []
            var ended = false
            while let outcome = await group.next() {
                outcomes.append(outcome)
                // A configuration error (410) would fail every other date the same way.
                if case .failure(let failure) = outcome.result, failure.endsRun { ended = true }
                // Once stopped, the dates not yet begun are left as they are.
                if !Task.isCancelled, !ended, let job = waiting.popFirst() { group.addTask { await process(job) } }
            }
            return outcomes
        }
    }
}

/// How one date ended.
struct DayOutcome: Sendable {
    var job: DayJob
    var result: Result<DayResult, DayFailure>
}

/// The end-of-run summary: dates ok and failed, rows, bytes, time, throughput, where the files are.
struct RunSummary: Encodable {
    var datesOk: Int
    var datesFailed: Int
    var rows: Int64
    var bytes: Int64
    var seconds: Double
    var rowsPerSecond: Double
    var files: [String]
    var failures: [String: String]
    /// Rows of intervals without a quote or trade, kept as served, and their share of the rows.
    var quietRows: Int64
    var quietShare: Double
    /// Expirations the Terminal had no rows for (472, or only a header), recorded as empty.
    var emptyExpirations: Int
    /// Dates archived before the vendor's publication time (forced).
    var archivedEarly: [String] = []
    /// Dates of the run never begun because it was stopped.
    var notStarted = 0

    init(_ outcomes: [DayOutcome], seconds: Double) {
        var ok: [DayResult] = []
        var failures: [String: String] = [:]
        for outcome in outcomes {
            switch outcome.result {
            case .success(let result): ok.append(result)
            case .failure(let failure): failures["\(outcome.job.symbol) \(outcome.job.date)"] = failure.description
            }
        }
        datesOk = ok.count
        datesFailed = failures.count
        rows = ok.reduce(0) { $0 + $1.rows }
        bytes = ok.reduce(0) { $0 + $1.bytes }
        self.seconds = seconds
        rowsPerSecond = seconds > 0 ? Double(rows) / seconds : 0
        files = ok.map(\.path)
        self.failures = failures
        quietRows = ok.reduce(0) { $0 + $1.quietRows }
        quietShare = rows > 0 ? Double(quietRows) / Double(rows) : 0
        emptyExpirations = ok.reduce(0) { $0 + $1.emptyExpirations }
        archivedEarly = outcomes.compactMap { outcome in
            guard case .success(let result) = outcome.result, result.archivedEarly else { return nil }
            return "\(outcome.job.symbol) \(outcome.job.date)"
        }
    }

    var text: String {
        var out = "\n\(datesOk) date(s) archived, \(datesFailed) failed: \(rows) rows, "
            + String(format: "%.1f MB in %.1f s (%.0f rows/s)\n", Double(bytes) / 1e6, seconds, rowsPerSecond)
        for date in archivedEarly {
            out += "  \(date) archived before ThetaData published it: it may lack part of the day; process-gaps asks again once it is published\n"
        }
        if quietRows > 0 || emptyExpirations > 0 {
            out += "  \(quietRows) quiet interval row(s) kept as served (\(String(format: "%.1f", quietShare * 100))% of rows: no quote or trade)"
                + (emptyExpirations > 0 ? ", \(emptyExpirations) expiration(s) empty at the vendor" : "") + "\n"
        }
        for file in files { out += "  \(file)\n" }
        for (date, reason) in failures.sorted(by: { $0.key < $1.key }) { out += "  FAILED \(date): \(reason)\n" }
        if notStarted > 0 {
            out += "  \(notStarted) date(s) not started: the run was stopped (by a signal, or a configuration error above "
                + "that every date would meet)\n"
        }
        return out
    }
}
