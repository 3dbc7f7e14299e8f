import ArgumentParser
import Foundation
import MarketCalendar
import Pipeline
import StateStore

struct ArchiveVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-check committed files against the ledger: checksum, sidecar, footer, page CRCs, row count.",
        discussion: """
            Give one date, a --range, or --all. Every problem is reported, each with the file it \
            concerns; nothing is changed. (`spx-data parquet verify FILE` checks any single file.)

            Examples:
              spx-data verify 2024-03-15
              spx-data verify --range last-30-days
              spx-data verify --all --format json

            Exit status: 0 every file sound; 1 some file has a problem or a given date was never \
            archived; 2 the ledger could not be used; 64 invalid input.
            """)

    @Argument(help: "One date: YYYY-MM-DD, today or yesterday.")
    var date: String?

    @Option(help: ArgumentHelp("A date range: \(DateRangeExpression.acceptedForms).", valueName: "range"))
    var range: String?

    @Flag(help: "Every archived date.")
    var all = false

    @Option(help: "Only this symbol.")
    var symbol: String?

    @Option(help: "Output format: table, json or csv.")
    var format: ReportFormat = .table

    @OptionGroup var ledgerOptions: LedgerOptions

    func validate() throws {
        let chosen = [date != nil, range != nil, all].count { $0 }
        guard chosen == 1 else { throw ValidationError("give exactly one of a date, --range or --all") }
    }

    func run() async throws {
        let (from, through) = try DateSelection.bounds(date: date, range: range)
        let store = try ledgerOptions.openStore()
        let config = try ledgerOptions.resolveConfiguration(store)
        let records = try ledger {
            try store.processingRecords(ProcessingFilter(statuses: [.success], symbol: symbol?.uppercased(), from: from, through: through))
        }
        let layout = ArchiveLayout(outputDirectory: config.outputDirectory, stagingDirectory: config.tempDirectory)
        var findings = records.sorted { ($0.date, $0.symbol, $0.dataset) < ($1.date, $1.symbol, $1.dataset) }
            .map { ArchiveVerifier.verify($0, layout: layout) }
        if let date, findings.isEmpty {
            findings.append(.init(symbol: symbol?.uppercased() ?? "*", dataset: "*", date: (try? parseDate(date))?.description ?? date,
                                  path: "", rows: 0, problems: ["no archived file for this date; run `spx-data process \(date)`"]))
        }
        let report = Report(
            columns: ["date", "symbol", "dataset", "status", "rows", "path", "problems"],
            rows: findings.map {
                [.text($0.date), .text($0.symbol), .text($0.dataset), .text($0.isSound ? "ok" : "FAILED"), .integer($0.rows),
                 .text($0.path), .text($0.problems.joined(separator: "; "))]
            })
        writeOut(report.render(format, style: .forOutput(format)) { column, cell in
            if column == 3, case .text("FAILED") = cell { return .bad }
            return nil
        })
        if format == .table && !findings.isEmpty {
            writeOut("\n\(findings.count { $0.isSound }) of \(findings.count) file(s) sound\n")
        }
        if findings.contains(where: { !$0.isSound }) { throw ExitCodes.checkFailed }
    }
}

