import ArgumentParser
import Foundation
import MarketCalendar
import Pipeline
import StateStore
import ThetaData

/// What `process` and `process-range` share: the symbol and dataset, defaulted from the configuration.
struct DayOptions: ParsableArguments {
    @Option(help: "Underlying symbol (default: the first of processing.symbols). SPX archives roots SPX and SPXW.")
    var symbol: String?

    @Option(help: "Dataset (default: processing.dataset): greeks, quotes, ohlc, open_interest, eod, greeks_second_order, greeks_third_order.")
    var dataset: String?

    @Option(help: "Summary format: table or json (progress then goes to standard error).")
    var format: ReportFormat = .table

    /// `--symbol` as `processing.symbols` would store it. The symbol names the staging and
    /// archive paths, so a value the configuration refuses (empty, a path, a list) is refused
    /// here too, before the ledger is opened.
    mutating func validate() throws {
        guard let given = symbol else { return }
        guard let checked = try? ConfigurationKey.symbols.validate(given), !checked.contains(",") else {
            throw ValidationError("--symbol '\(given)' is not a symbol: give one of 1 to 10 letters, digits or dots, such as SPX or SPY")
        }
        symbol = checked
    }

    /// The symbol and dataset of this run, or exits 64 naming an unknown dataset.
    func target(config: ResolvedConfiguration) throws -> (symbol: String, dataset: ThetaDataDataset) {
        let symbol = (symbol ?? config.symbols.first ?? "SPX").uppercased()
        do {
            return (symbol, try ArchiveSession.dataset(named: self.dataset ?? config.dataset))
        } catch let error as ValidationError {
            printError("error: \(error.message)")
            throw ExitCodes.badInput
        }
    }

    func jobs(_ dates: [CivilDate], config: ResolvedConfiguration, ignoresAvailability: Bool = false) throws -> [DayJob] {
        let (symbol, dataset) = try target(config: config)
        let interval = ArchiveSession.intervalMs(config.interval)
        return dates.map {
            DayJob(symbol: symbol, dataset: dataset, date: $0, intervalMs: interval, ignoresAvailability: ignoresAvailability)
        }
    }

    /// Runs the jobs and prints the summary; exits 1 when any date failed.
    func run(_ jobs: [DayJob], parallelDates: Int, store: StateStore, config: ResolvedConfiguration) async throws {
        try WorkingDirectories.check(config)
        HeapTuning.reuseLargeBlocks()
        let session = ArchiveSession(store: store, config: config, totalDates: jobs.count,
                                     progressToStandardError: format == .json)
        let started = ContinuousClock.now
        let (outcomes, stoppedBy) = await session.run(jobs, parallelDates: parallelDates)
        var summary = RunSummary(outcomes, seconds: ProgressReporter.seconds(since: started))
        summary.notStarted = jobs.count - outcomes.count
        switch format {
        case .json: writeOut(try JSONText.encode(summary))
        case .table, .csv: writeOut(summary.text)
        }
        // The shell's convention for a run ended by a signal: 128 plus its number.
        if let stoppedBy { throw ExitCode(128 + stoppedBy) }
        if summary.datesFailed > 0 { throw ExitCodes.checkFailed }
    }
}

typealias ThetaDataDataset = ThetaData.Dataset

struct ProcessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Archive one trading day: fetch every expiration, stage, convert, verify, commit.",
        discussion: """
            Checks the date against the NYSE calendar, lists the expirations alive on it, fetches \
            each from the Terminal (thetadata.baseUrl) into NDJSON staging (processing.tempDirectory), \
            converts them into one Parquet file, verifies it and moves it to \
            processing.outputDirectory/YYYY/MM/DD/ with a .sha256 sidecar. A rerun resumes from \
            the expirations already staged.

            Examples:
              spx-data process 2024-03-15
              spx-data process yesterday --symbol SPY
              spx-data process 2024-03-15 --set thetadata.baseUrl=http://127.0.0.1:25510 --set thetadata.apiVersion=v2

            A date before the subscription's history (thetadata.subscription, thetadata.historyStart) \
            is refused before any request, and so is today before ThetaData publishes it \
            (thetadata.availableAfter after the close, 17:30 New York by default, earlier after an \
            early close) unless --force.

            Exit status: 0 archived; 1 the day failed (see `spx-data errors`) or processing.outputDirectory \
            or processing.tempDirectory cannot be written; 2 the ledger could \
            not be used; 64 invalid input, including a date that is not a session, one in the \
            future, before the subscription's history, or not published yet.
            """)

    @Argument(help: "The trading date: YYYY-MM-DD, today or yesterday.")
    var date: String

    @Flag(help: "Ask the Terminal even before ThetaData publishes the day (thetadata.availableAfter).")
    var force = false

    @OptionGroup var day: DayOptions
    @OptionGroup var ledgerOptions: LedgerOptions

    func run() async throws {
        let resolved = try parseDate(date)
        if let refusal = SessionCheck.refusal(resolved) ?? SessionCheck.futureRefusal(resolved) {
            printError("error: \(refusal)")
            throw ExitCodes.badInput
        }
        let store = try ledgerOptions.openStore()
        let config = try ledgerOptions.resolveConfiguration(store)
        let jobs = try day.jobs([resolved], config: config, ignoresAvailability: force)
        if let refusal = SessionCheck.vendorRefusal(jobs[0], limits: ArchiveSession.limits(config)) {
            printError("error: \(refusal)")
            throw ExitCodes.badInput
        }
        try await day.run(jobs, parallelDates: 1, store: store, config: config)
    }
}

struct ProcessRangeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process-range",
        abstract: "Archive every trading day from START through END, several dates at once.",
        discussion: """
            Weekends and holidays in the range are skipped. All dates share one limit on \
            Terminal requests in flight (thetadata.maxConcurrentRequests); a failed date never \
            stops the others.

            Examples:
              spx-data process-range 2024-03-11 2024-03-15
              spx-data process-range 2024-01-02 yesterday --parallel-dates 3

            Exit status: 0 every date archived; 1 some date failed, or the output or temp directory \
            cannot be written; 2 the ledger could not be \
            used; 64 invalid input.
            """)

    @Argument(help: "First date: YYYY-MM-DD, today or yesterday.")
    var start: String

    @Argument(help: "Last date, included.")
    var end: String

    @Option(help: "Dates processed at once (1 to 8).")
    var parallelDates: Int = 2

    @OptionGroup var day: DayOptions
    @OptionGroup var ledgerOptions: LedgerOptions

    func validate() throws {
        guard (1...8).contains(parallelDates) else {
            throw ValidationError("--parallel-dates must be 1 to 8, not \(parallelDates)")
        }
    }

    func run() async throws {
        let first = try parseDate(start), last = try parseDate(end)
        guard first <= last else {
            printError("error: the range starts (\(first)) after it ends (\(last)); give START before END.")
            throw ExitCodes.badInput
        }
        let sessions = Array(NYSECalendar.nyse.tradingDays(in: first...last))
        guard !sessions.isEmpty else {
            printError("error: \(first) to \(last) holds no NYSE session; widen the range.")
            throw ExitCodes.badInput
        }
        let store = try ledgerOptions.openStore()
        let config = try ledgerOptions.resolveConfiguration(store)
        // Sessions the vendor cannot give now are left out, said once per reason.
        let limits = ArchiveSession.limits(config)
        let today = NewYorkClock.today()
        var jobs: [DayJob] = []
        var left: [String: [CivilDate]] = [:]
        for job in try day.jobs(sessions, config: config) {
            if job.date > today {
                left["in the future", default: []].append(job.date)
            } else if let refusal = SessionCheck.vendorRefusal(job, limits: limits) {
                let why = refusal.kind == .permission
                    ? "before the subscription's history (\(limits.historyStart.map { "\($0.date), \($0.setBy)" } ?? ""))"
                    : "not published by ThetaData yet (thetadata.availableAfter=\(config[.availableAfter]))"
                left[why, default: []].append(job.date)
            } else {
                jobs.append(job)
            }
        }
        for (why, dates) in left.sorted(by: { $0.value[0] < $1.value[0] }) {
            printError("note: \(dates.count) session(s) \(why) left out: \(dates.first!)\(dates.count > 1 ? "..\(dates.last!)" : "")")
        }
        guard !jobs.isEmpty else {
            printError("error: no session of \(first)..\(last) can be asked for now; see the notes above.")
            throw ExitCodes.badInput
        }
        try await day.run(jobs, parallelDates: parallelDates, store: store, config: config)
    }
}

/// A date argument in any accepted form, or exit 64 listing the forms.
func parseDate(_ text: String) throws -> CivilDate {
    do {
        return try DateExpression(parsing: text).resolved(today: NewYorkClock.today())
    } catch {
        printError("error: '\(text)' is not a date: use \(DateExpression.acceptedForms).")
        throw ExitCodes.badInput
    }
}

enum SessionCheck {
    /// Why the vendor cannot give `job` now (before the subscription's history, or not
    /// published yet unless the job ignores that), or nil.
    static func vendorRefusal(_ job: DayJob, limits: VendorLimits) -> DayFailure? {
        NYSECalendar.nyse.session(on: job.date).flatMap { limits.refusal(job, session: $0) }
    }

    /// Why `date` cannot be processed because it has not happened yet, or nil.
    static func futureRefusal(_ date: CivilDate) -> String? {
        let today = NewYorkClock.today()
        guard date > today else { return nil }
        return "\(date) is in the future (today is \(today) in New York); pick a session that has closed."
    }

    /// Why `date` cannot be processed, or nil when it is a session.
    static func refusal(_ date: CivilDate) -> String? {
        let calendar = NYSECalendar.nyse
        guard !calendar.isSession(date) else { return nil }
        let why = calendar.holiday(on: date).map { "it is a holiday (\($0.name))" } ?? "it is a weekend"
        let previous = calendar.previousSession(before: date).map { "; the session before it is \($0)" } ?? ""
        return "\(date) is not an NYSE session: \(why)\(previous). Nothing was written."
    }
}
