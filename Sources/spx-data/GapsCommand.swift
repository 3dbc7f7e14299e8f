import ArgumentParser
import Foundation
import GapAnalysis
import MarketCalendar
import StateStore

struct GapsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Trading days whose data is missing, why, how urgent, and the work to fill them.",
        discussion: """
            Compares the ledger with the NYSE calendar: weekends and holidays are never gaps, and a \
            day is complete only when its file was committed. Categories: never attempted, failed, \
            partially processed (some expirations staged), vendor had no data, not in subscription \
            (a 403), pending at vendor (asked before ThetaData published it). Sessions before the \
            subscription's history (thetadata.subscription, thetadata.historyStart) are not \
            considered; today before ThetaData publishes it (thetadata.availableAfter) is pending \
            at vendor, not a gap. Priority (0-100) \
            weighs recency, attempts so far and known high-volatility periods. The work estimate \
            uses the averages of the successful days in the ledger, or a typical SPX day before any.

            Dates: \(DateExpression.acceptedForms). The range defaults to processing.startDate \
            through today (New York).

            Examples:
              spx-data gaps --start-date 2024-01-02
              spx-data gaps --start-date 1990-01-02 --end-date yesterday --order date
              spx-data gaps --symbol SPX --format json | jq '.symbols[0].gap_count'
              spx-data gaps --format csv > gaps.csv

            \(ExitCodes.help)
            """)

    @OptionGroup var ledgerOptions: LedgerOptions

    @Option(help: "First date (default: processing.startDate).")
    var startDate: String?

    @Option(help: "Last date (default: today).")
    var endDate: String?

    @Option(help: "Only this symbol (default: processing.symbols).")
    var symbol: String?

    @Option(help: "Order: priority (most urgent first), date or date-descending.")
    var order: String = GapConfiguration.Order.priority.rawValue

    @Option(help: "Table rows per symbol at most (json and csv list every gap).")
    var limit: Int = 50

    @Option(help: "Output format: table, json or csv.")
    var format: ReportFormat = .table

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more, got \(limit)") }
        guard GapConfiguration.Order(rawValue: order) != nil else {
            throw ValidationError("--order '\(order)' is not one of priority, date, date-descending.")
        }
        for (flag, value) in [("--start-date", startDate), ("--end-date", endDate)] {
            guard let value else { continue }
            do { _ = try DateExpression(parsing: value) } catch { throw ValidationError("\(flag): \(error.message)") }
        }
    }

    func run() async throws {
        let store = try ledgerOptions.openStore()
        let config = try ledgerOptions.resolveConfiguration(store)
        let range = try dates(config)
        let symbols = symbol.map { [$0.uppercased()] } ?? config.symbols
        let now = NewYorkClock.now()
        let today = NewYorkTime.date(at: now)
        let limits = GapLimits(config)
        var results: [GapsReport.Symbol] = []
        for symbol in symbols {
            let records = try GapInput.records(store: store, symbol: symbol, dataset: config.dataset)
            let (model, basis) = try GapInput.sizeModel(store: store, symbol: symbol, dataset: config.dataset,
                                                       concurrency: config.maxConcurrentRequests)
            let analyzer = GapAnalyzer(configuration: limits.configuration(
                order: GapConfiguration.Order(rawValue: order) ?? .priority, sizeModel: model))
            results.append(GapsReport.Symbol(symbol: symbol, report: analyzer.analyze(range, records: records, today: today, now: now),
                                             sizeBasis: basis))
        }
        let report = GapsReport(dataset: config.dataset, range: range, symbols: results, limits: limits)
        switch format {
        case .json: print(try JSONText.encode(report), terminator: "")
        case .csv: print(report.gapRows.render(.csv), terminator: "")
        case .table: print(report.tableText(limit: limit, style: .forOutput(format)), terminator: "")
        }
    }

    /// The range asked for: flags, else processing.startDate through today.
    private func dates(_ config: ResolvedConfiguration) throws -> ClosedRange<CivilDate> {
        let today = NewYorkClock.today()
        func resolve(_ text: String, _ flag: String) throws -> CivilDate {
            do { return try DateExpression(parsing: text).resolved(today: today) } catch {
                printError("error: \(flag): \(error.message)")
                throw ExitCodes.badInput
            }
        }
        let start = try GapInput.startDate(startDate, config: config, today: today)
        let end = try endDate.map { try resolve($0, "--end-date") } ?? today
        guard start <= end else {
            printError("error: the start \(start) is after the end \(end); put the earlier date first.")
            throw ExitCodes.badInput
        }
        let supported = NYSECalendar.supportedRange
        guard supported.contains(start), supported.contains(end) else {
            printError("error: \(start)..\(end) reaches outside the calendar's range \(supported.lowerBound)..\(supported.upperBound).")
            throw ExitCodes.badInput
        }
        return start...end
    }
}
