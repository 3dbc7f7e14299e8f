import ArgumentParser
import Foundation
import HealthCheck
import StateStore

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Summarise the archive: last activity, counts by state, work in progress, gaps, disk, ledger, Terminal.",
        discussion: """
            Reads a consistent snapshot of the ledger, so it can run while processing writes. \
            The Terminal is asked with a short timeout; use `spx-data health` for the full checks.

            Examples:
              spx-data status
              spx-data status --format json | jq .counts
              spx-data status --db /srv/spx/ledger.db

            \(ExitCodes.help)
            """)

    @OptionGroup var ledgerOptions: LedgerOptions

    @Option(help: "Output format: table, json or csv.")
    var format: ReportFormat = .table

    /// Short: `status` must stay interactive even when the Terminal hangs.
    static let terminalTimeout: Duration = .milliseconds(500)

    func run() async throws {
        let store = try ledgerOptions.openStore()
        let config = try ledgerOptions.resolveConfiguration(store)
        let summary = try ledger { try store.processingSummary() }
        let active = try ledger { try store.activeProcessing() }
        let database = try ledger { try store.checkHealth(thorough: false) }
        let gaps = try GapCount.current(store: store, config: config)
        let terminal = SocketTerminalProbe().status(
            baseURL: config.baseURL, apiVersion: config.apiVersion.rawValue, timeout: Self.terminalTimeout)
        let report = StatusReport(
            database: .init(path: store.path, schemaVersion: database.schemaVersion, quickCheck: database.isSound ? "ok" : database.findings.joined(separator: "; "),
                            sizeBytes: database.sizeBytes),
            lastActivity: summary.lastActivity,
            counts: Dictionary(uniqueKeysWithValues: summary.counts.map { ($0.key.rawValue, $0.value) }),
            running: active.map { item in
                StatusReport.Running(
                    symbol: item.record.symbol, dataset: item.record.dataset, date: item.record.date,
                    processId: item.record.processId, processAlive: item.record.processId.map { _ in item.record.isHeldByRunningProcess },
                    startedAt: item.record.startedAt, expirations: item.expirations.count, staged: item.staged,
                    failed: item.failed,
                    current: item.expirations.first { $0.status == .pending }.map { "\($0.root) \($0.expiration)" })
            },
            gaps: gaps,
            grades: try ledger { try store.gradeCounts() },
            disk: diskChecks(config),
            terminal: .init(baseUrl: config.baseURL, apiVersion: config.apiVersion.rawValue, state: terminal.label,
                            detail: terminal.explanation(baseURL: config.baseURL, apiVersion: config.apiVersion.rawValue)))
        switch format {
        case .json: print(try JSONText.encode(report), terminator: "")
        case .csv: print(report.rows.render(.csv), terminator: "")
        case .table: print(report.tableText(style: .forOutput(format)), terminator: "")
        }
    }
}
