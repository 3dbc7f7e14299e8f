import ArgumentParser
import Foundation
import GapAnalysis
import MarketCalendar
import Pipeline
import StateStore
import ThetaData

struct ProcessGapsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process-gaps",
        abstract: "Find the missing trading days and archive them, most urgent first.",
        discussion: """
            Runs the gap engine (see `spx-data gaps`) from processing.startDate (or \
            --start-date) through the last session ThetaData has published (today after \
            thetadata.availableAfter, else the session before), and processes up to --batch-size \
            of the gaps in --order: failed and partial dates resume from what they staged. Dates a \
            live process is working on are left to it, and dates the subscription does not cover \
            (a 403) to `spx-data retry DATE --force`. --dry-run prints the plan with its \
            estimate of requests, rows, bytes and time, and writes nothing.

            Examples:
              spx-data process-gaps --dry-run
              spx-data process-gaps --batch-size 20 --parallel-dates 2
              spx-data process-gaps --order date --start-date 2024-01-02

            Exit status: 0 every date processed (or no gap); 1 a date failed; 2 the ledger could \
            not be used; 64 invalid input.
            """)

    @Option(help: "Gaps processed in this run at most (1 to 10000).")
    var batchSize: Int = 10

    @Flag(help: "Print the plan and its estimate; process nothing.")
    var dryRun = false

    @Option(help: "Order: priority (most urgent first) or date (oldest first).")
    var order: String = "priority"

    @Option(help: "First date (default: processing.startDate).")
    var startDate: String?

    @Option(help: "Dates processed at once (1 to 8).")
    var parallelDates: Int = 2

    @OptionGroup var day: DayOptions
    @OptionGroup var ledgerOptions: LedgerOptions

    func validate() throws {
        guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size must be 1 to 10000, not \(batchSize)") }
        guard order == "priority" || order == "date" else { throw ValidationError("--order '\(order)' is not priority or date") }
        guard (1...8).contains(parallelDates) else { throw ValidationError("--parallel-dates must be 1 to 8, not \(parallelDates)") }
    }

    func run() async throws {
        let store = try ledgerOptions.openStore()
        let config = try ledgerOptions.resolveConfiguration(store)
        let (symbol, dataset) = try day.target(config: config)
        let range = try dates(config)
        guard let range else {
            writeOut("nothing to do: the range starts after today\n")
            return
        }
        let (model, basis) = try GapInput.sizeModel(store: store, symbol: symbol, dataset: dataset.name,
                                                   concurrency: config.maxConcurrentRequests)
        let limits = GapLimits(config)
        let analyzer = GapAnalyzer(configuration: limits.configuration(order: order == "date" ? .date : .priority, sizeModel: model))
        let records = try GapInput.records(store: store, symbol: symbol, dataset: dataset.name)
        let busy = Set(try ledger { try store.processingRecords(ProcessingFilter(statuses: [.processing], symbol: symbol,
                                                                                  dataset: dataset.name)) }
            .filter(\.isHeldByRunningProcess)
            .map(\.date))
        let now = NewYorkClock.now()
        let report = analyzer.analyze(range, records: records, today: NewYorkTime.date(at: now), now: now)
        let notCovered = report.count(.permission)
        let plan = Array(report.gaps.filter { !busy.contains($0.date.description) && $0.category != .permission }.prefix(batchSize))
        let estimate = plan.compactMap(\.estimate).reduce(WorkEstimate(), +)
        let summary = "\(plan.count) of \(report.gaps.count) gap(s) of \(symbol) \(dataset.name) in \(range.lowerBound)..\(range.upperBound)"
            + (busy.isEmpty ? "" : ", \(busy.count) left to the process working on them")
            + (notCovered == 0 ? "" : ", \(notCovered) not in the subscription left to `spx-data retry DATE --force`")
            + (report.pending.isEmpty ? "" : ", \(report.pending.map(\.description).joined(separator: ", ")) pending at vendor")
        if dryRun || plan.isEmpty {
            print(plan: plan, estimate: estimate, summary: summary, basis: basis)
            return
        }
        writeOut("processing \(summary)\n")
        let interval = ArchiveSession.intervalMs(config.interval)
        let jobs = plan.map { DayJob(symbol: symbol, dataset: dataset, date: $0.date, intervalMs: interval) }
        try await day.run(jobs, parallelDates: parallelDates, store: store, config: config)
    }

    private func print(plan: [Gap], estimate: WorkEstimate, summary: String, basis: String) {
        struct Planned: Encodable {
            var date: String, category: String, priority: Double, requests: Int?, rows: Int?, bytes: Int?
        }
        struct Plan: Encodable {
            var summary: String, estimateBasis: String, dates: [Planned]
            var requests: Int, rows: Int, bytes: Int, seconds: Double?
        }
        let dates = plan.map { gap in
            Planned(date: gap.date.description, category: gap.category.rawValue, priority: (gap.priority * 10).rounded() / 10,
                    requests: gap.estimate?.requests, rows: gap.estimate?.rows, bytes: gap.estimate?.bytes)
        }
        if day.format == .json {
            writeOut((try? JSONText.encode(Plan(summary: summary, estimateBasis: basis, dates: dates, requests: estimate.requests,
                                                 rows: estimate.rows, bytes: estimate.bytes, seconds: estimate.seconds))) ?? "")
            return
        }
        var text = "\(dryRun ? "would process" : "nothing to process:") \(summary)\n"
        for d in dates {
            text += "  \(d.date)  \(d.category)  priority \(d.priority)  ~\(d.requests ?? 0) requests, ~\(d.rows ?? 0) rows, "
                + "~\(CleanupCommand.size(Int64(d.bytes ?? 0)))\n"
        }
        if !plan.isEmpty {
            let time = estimate.seconds.map { String(format: ", ~%.0f s", $0) } ?? ""
            text += "estimate: \(estimate.requests) requests, \(estimate.rows) rows, \(CleanupCommand.size(Int64(estimate.bytes)))"
                + "\(time) (from \(basis))\n"
        }
        writeOut(text)
    }

    /// processing.startDate (or --start-date) through today (sessions ThetaData has not
    /// published are the analysis' pending, not gaps); nil when that holds no day.
    private func dates(_ config: ResolvedConfiguration) throws -> ClosedRange<CivilDate>? {
        let today = NewYorkClock.today()
        let start = try GapInput.startDate(startDate, config: config, today: today)
        guard NYSECalendar.supportedRange.contains(start) else {
            printError("error: \(start) is outside the calendar's range \(NYSECalendar.supportedRange.lowerBound)..\(NYSECalendar.supportedRange.upperBound)")
            throw ExitCodes.badInput
        }
        return start <= today ? start...today : nil
    }
}
