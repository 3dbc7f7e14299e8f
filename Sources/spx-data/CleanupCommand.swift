import ArgumentParser
import Foundation
import Pipeline
import StateStore

struct CleanupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cleanup",
        abstract: "Remove what unfinished runs left behind, and report the space freed.",
        discussion: """
            --temp-files: staging of dates the ledger has as archived or does not know, and \
            NAME.tmp-PID files (Parquet files or sidecars being written) of processes that are \
            gone. --failed-outputs: the staging kept so a failed date resumes; its expirations \
            are fetched again next time. With neither flag, both. Nothing a running process \
            uses is touched; archived files never are.

            Examples:
              spx-data cleanup --dry-run
              spx-data cleanup --temp-files

            Exit status: 0 done (or nothing to do); 1 something could not be removed; 2 the \
            ledger could not be used; 64 invalid input.
            """)

    @Flag(help: "Orphaned staging and temporary files of dead processes.")
    var tempFiles = false

    @Flag(help: "Staging kept for failed dates (gives up their resume).")
    var failedOutputs = false

    @Flag(help: "List what would be removed; remove nothing.")
    var dryRun = false

    @Option(help: "Output format: table or json.")
    var format: ReportFormat = .table

    @OptionGroup var ledgerOptions: LedgerOptions

    func run() async throws {
        let store = try ledgerOptions.openStore()
        let config = try ledgerOptions.resolveConfiguration(store)
        let cleanup = ArchiveCleanup(
            layout: ArchiveLayout(outputDirectory: config.outputDirectory, stagingDirectory: config.tempDirectory), store: store)
        let both = !tempFiles && !failedOutputs
        let items = try ledger { try cleanup.plan(temporaryFiles: tempFiles || both, failedOutputs: failedOutputs || both) }
        let problems = dryRun ? [] : cleanup.remove(items)
        let failed = Set(problems.map(\.path))
        let removed = items.filter { !failed.contains($0.path) }
        let freed = removed.reduce(Int64(0)) { $0 + $1.bytes }
        switch format {
        case .json:
            struct Report: Encodable {
                var dryRun: Bool
                var items: [ArchiveCleanup.Item]
                var bytes: Int64
                var problems: [String]
            }
            writeOut(try JSONText.encode(Report(dryRun: dryRun, items: removed, bytes: freed,
                                                problems: problems.map { "\($0.path): \($0.why)" })))
        case .table, .csv:
            var text = ""
            for item in removed {
                text += "\(dryRun ? "would remove" : "removed") \(item.path)  \(Self.size(item.bytes))  (\(item.reason.rawValue))\n"
            }
            text += items.isEmpty ? "nothing to clean up\n"
                : "\(dryRun ? "would free" : "freed") \(Self.size(freed)) in \(removed.count) item(s)\n"
            writeOut(text)
        }
        for problem in problems { printError("error: cannot remove \(problem.path): \(problem.why)") }
        if !problems.isEmpty { throw ExitCodes.checkFailed }
    }

    static func size(_ bytes: Int64) -> String {
        bytes < 1_000_000 ? "\(bytes) bytes" : ProgressReporter.megabytes(bytes)
    }
}
