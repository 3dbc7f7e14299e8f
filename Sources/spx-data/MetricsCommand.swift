import ArgumentParser
import StateStore

struct MetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Show performance history: rows per second, durations, requests and peak memory per date.",
        discussion: """
            Examples:
              spx-data metrics --last 10
              spx-data metrics --date 2024-03-12 --format json

            \(ExitCodes.help)
            """)

    @OptionGroup var ledgerOptions: LedgerOptions

    @Option(help: "Only this trading date (YYYY-MM-DD).")
    var date: String?

    @Option(help: "Only the N most recently finished dates.")
    var last: Int?

    @Option(help: "Output format: table, json or csv.")
    var format: ReportFormat = .table

    func validate() throws {
        if let date, !Timestamps.isCalendarDate(date) {
            throw ValidationError("--date expects a date YYYY-MM-DD, got '\(date)'")
        }
        if let last, last < 1 { throw ValidationError("--last must be 1 or more, got \(last)") }
    }

    func run() async throws {
        let store = try ledgerOptions.openStore()
        let runs = try ledger { try store.performance(date: date, last: last) }
        let extra = Set(runs.flatMap(\.metrics.keys)).sorted()
        let report = Report(
            columns: ["symbol", "dataset", "date", "status", "completed_at", "records", "duration_ms", "rows_per_second",
                      "api_requests", "memory_peak_mb", "file_bytes", "quality_score", "grade"] + extra,
            rows: runs.map { r in
                [.text(r.symbol), .text(r.dataset), .text(r.date), .text(r.status), Cell(r.completedAt), Cell(r.records),
                 Cell(r.durationMs), Cell(r.rowsPerSecond), Cell(r.apiRequests), Cell(r.memoryPeakMb), Cell(r.fileSizeBytes),
                 Cell(r.qualityScore), Cell(r.grade)]
                    + extra.map { Cell(r.metrics[$0]) }
            })
        print(report.render(format, style: .forOutput(format), highlight: statusTone(column: 3)), terminator: "")
    }
}
