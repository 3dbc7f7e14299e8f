import ArgumentParser
import StateStore

struct ErrorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "errors",
        abstract: "Show error history and patterns: counts by type, first and last seen, resolved or not.",
        discussion: """
            By default prints the patterns (one row per error type). --recent N lists the last N \
            errors themselves instead.

            Examples:
              spx-data errors
              spx-data errors --since 2024-03-01 --type connection_refused
              spx-data errors --date 2024-03-12 --recent 20 --format json

            \(ExitCodes.help)
            """)

    @OptionGroup var ledgerOptions: LedgerOptions

    @Option(help: "Only errors of this trading date (YYYY-MM-DD).")
    var date: String?

    @Option(help: "Only errors of this type, e.g. rate_limited.")
    var type: String?

    @Option(help: "Only errors that occurred on or after this date (YYYY-MM-DD) or ISO-8601 instant.")
    var since: String?

    @Option(help: "List the last N errors instead of the patterns.")
    var recent: Int?

    @Option(help: "Output format: table, json or csv.")
    var format: ReportFormat = .table

    func validate() throws {
        if let date, !Timestamps.isCalendarDate(date) {
            throw ValidationError("--date expects a date YYYY-MM-DD, got '\(date)'")
        }
        if let since, !Timestamps.isCalendarDate(since), Timestamps.date(from: since) == nil {
            throw ValidationError("--since expects YYYY-MM-DD or an ISO-8601 instant like 2024-03-12T14:00:00Z, got '\(since)'")
        }
        if let recent, recent < 1 { throw ValidationError("--recent must be 1 or more, got \(recent)") }
    }

    func run() async throws {
        let filter = ErrorFilter(date: date, errorType: type, since: since, limit: recent)
        let store = try ledgerOptions.openStore()
        let report: Report
        if recent != nil {
            let errors = try ledger { try store.errors(filter) }
            report = Report(
                columns: ["id", "occurred_at", "symbol", "dataset", "date", "type", "attempt", "resolved_at", "resolution", "message"],
                rows: errors.map { e in
                    [Cell(e.id), .text(e.occurredAt), .text(e.symbol), .text(e.dataset), .text(e.date), .text(e.errorType),
                     Cell(e.retryAttempt), Cell(e.resolvedAt), Cell(e.resolutionMethod),
                     .text(format == .table ? String(e.errorMessage.prefix(80)) : e.errorMessage)]
                })
        } else {
            let patterns = try ledger { try store.errorPatterns(filter) }
            report = Report(
                columns: ["type", "count", "unresolved", "dates", "first_seen", "last_seen"],
                rows: patterns.map { p in
                    [.text(p.errorType), Cell(p.count), Cell(p.unresolved), Cell(p.dates), .text(p.firstSeen), .text(p.lastSeen)]
                })
        }
        print(report.render(format, style: .forOutput(format), highlight: { column, cell in
            recent == nil && column == 2 && cell.display != "0" ? .bad : nil
        }), terminator: "")
    }
}
