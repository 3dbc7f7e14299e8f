import ArgumentParser
import MarketCalendar
import StateStore

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List processing history from the ledger, newest date first.",
        discussion: """
            Date ranges: \(DateRangeExpression.acceptedForms); relative ones count from today in New York.

            Examples:
              spx-data list --limit 20
              spx-data list --failed-only --date-range "last 30 days"
              spx-data list --status processing --symbol SPX --format json
              spx-data list --date-range 2024-01-02..2024-03-28 --format csv > history.csv

            \(ExitCodes.help)
            """)

    @OptionGroup var ledgerOptions: LedgerOptions

    @Flag(help: "Only dates whose last attempt failed (same as --status failed).")
    var failedOnly = false

    @Option(help: "Only this status: queued, processing, success or failed (repeatable).")
    var status: [String] = []

    @Option(help: "Only this underlying symbol, e.g. SPX.")
    var symbol: String?

    @Option(help: "Only this dataset, e.g. greeks.")
    var dataset: String?

    @Option(help: "Only dates in this range.")
    var dateRange: String?

    @Option(help: "At most this many rows.")
    var limit: Int?

    @Option(help: "Output format: table, json or csv.")
    var format: ReportFormat = .table

    func validate() throws {
        for s in status where ProcessingRecord.Status(rawValue: s) == nil {
            throw ValidationError("unknown status '\(s)': expected queued, processing, success or failed")
        }
        if let dateRange {
            do { _ = try DateRangeExpression(parsing: dateRange) } catch { throw ValidationError("--date-range: \(error.message)") }
        }
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more, got \(limit)") }
    }

    func run() async throws {
        var statuses = Set(status.compactMap(ProcessingRecord.Status.init(rawValue:)))
        if failedOnly { statuses.insert(.failed) }
        let range = try dateRange.map(Self.resolve)
        let filter = ProcessingFilter(statuses: statuses, symbol: symbol?.uppercased(), dataset: dataset,
                                      from: range?.lowerBound.description, through: range?.upperBound.description, limit: limit)
        let store = try ledgerOptions.openStore()
        let records = try ledger { try store.processingRecords(filter) }
        let report = Report(
            columns: ["symbol", "dataset", "date", "status", "records", "expirations", "file_bytes", "duration_ms",
                      "retries", "error_type", "error_message", "updated_at"],
            rows: records.map { r in
                [.text(r.symbol), .text(r.dataset), .text(r.date), .text(r.status.rawValue), Cell(r.recordCount),
                 Cell(r.expirationCount), Cell(r.fileSizeBytes), Cell(r.processingDurationMs), Cell(r.retryCount),
                 Cell(r.errorType), Cell(format == .table ? r.errorMessage.map { String($0.prefix(60)) } : r.errorMessage),
                 .text(r.updatedAt)]
            })
        print(report.render(format, style: .forOutput(format), highlight: statusTone(column: 3)), terminator: "")
    }
}

extension ListCommand {
    /// A `--date-range` as New York dates, counted from today.
    static func resolve(_ text: String) throws -> ClosedRange<CivilDate> {
        do {
            return try DateRangeExpression(parsing: text).resolved(today: NewYorkClock.today())
        } catch {
            throw ValidationError("--date-range: \(error.message)")
        }
    }
}

/// Colours a table row by the status in `column`.
func statusTone(column: Int) -> (Int, Cell) -> Style.Tone? {
    { index, cell in
        guard index == column else { return nil }
        switch cell.display {
        case "failed": return .bad
        case "processing", "queued": return .warn
        default: return nil
        }
    }
}
