import ArgumentParser
import Foundation
import HealthCheck
import StateStore

/// One line of `health`.
struct CheckResult: Codable {
    var check: String
    var ok: Bool
    var detail: String
}

struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Check everything processing needs: disk space, the ledger's integrity, the Terminal.",
        discussion: """
            Checks free space of the output and temp directories against processing.minFreeDiskGB, \
            runs PRAGMA integrity_check and reads the schema version, and asks the Terminal for its \
            upstream status (GET /v3/terminal/mdds/status, or /v2/system/mdds/status with \
            thetadata.apiVersion v2). A refused connection means the Terminal is not running; an \
            answer other than CONNECTED means it runs but is disconnected from ThetaData. Each \
            failure comes with its fix. Exits 1 when any check fails.

            Examples:
              spx-data health
              spx-data health --set thetadata.apiVersion=v2 --format json

            \(ExitCodes.help)
            """)

    @OptionGroup var ledgerOptions: LedgerOptions

    @Option(help: "Output format: table, json or csv.")
    var format: ReportFormat = .table

    /// The Terminal is local: a healthy one answers in milliseconds.
    static let terminalTimeout: Duration = .seconds(3)

    func run() async throws {
        let store = try ledgerOptions.openStore()
        let config = try ledgerOptions.resolveConfiguration(store)
        var results = diskChecks(config)
        let database = try ledger { try store.checkHealth(thorough: true) }
        results.append(CheckResult(
            check: "database", ok: database.isSound && database.schemaVersion == database.latestSchemaVersion,
            detail: database.isSound
                ? "\(store.path): integrity ok, schema \(database.schemaVersion) (latest \(database.latestSchemaVersion))"
                : "\(store.path): integrity_check found \(database.findings.count) problem(s): "
                    + database.findings.prefix(3).joined(separator: "; ")
                    + ". Fix: restore the ledger from a backup; the Parquet files themselves are unaffected"))
        let status = SocketTerminalProbe().status(
            baseURL: config.baseURL, apiVersion: config.apiVersion.rawValue, timeout: Self.terminalTimeout)
        results.append(CheckResult(
            check: "terminal", ok: status.isHealthy,
            detail: status.explanation(baseURL: config.baseURL, apiVersion: config.apiVersion.rawValue)))

        let style = Style.forOutput(format)
        switch format {
        case .json:
            print(try JSONText.encode(HealthReport(healthy: results.allSatisfy(\.ok), checks: results)), terminator: "")
        case .csv, .table:
            let report = Report(columns: ["check", "status", "detail"], rows: results.map {
                [.text($0.check), .text($0.ok ? "ok" : "FAIL"), .text($0.detail)]
            })
            print(report.render(format, style: style, highlight: { column, cell in
                column == 1 ? (cell.display == "ok" ? .good : .bad) : nil
            }), terminator: "")
        }
        if !results.allSatisfy(\.ok) { throw ExitCodes.checkFailed }
    }

    private struct HealthReport: Encodable {
        var healthy: Bool
        var checks: [CheckResult]
    }
}

/// Free space of the output and temp directories against `processing.minFreeDiskGB`.
func diskChecks(_ config: ResolvedConfiguration) -> [CheckResult] {
    [("disk output", config.outputDirectory), ("disk temp", config.tempDirectory)].map { name, path in
        guard let space = DiskSpace.of(path) else {
            return CheckResult(check: name, ok: false, detail: "\(path): cannot measure free space")
        }
        let ok = space.hasAtLeast(config.minFreeDiskBytes)
        let detail = String(format: "%@: %.1f GB free of %.1f GB (minimum %@ GB)", path, space.availableGB, space.totalGB,
                            config[.minFreeDiskGB])
        return CheckResult(check: name, ok: ok, detail: ok ? detail : detail
            + ". Fix: free space, move \(name == "disk output" ? "processing.outputDirectory" : "processing.tempDirectory") "
            + "to a larger disk, or lower processing.minFreeDiskGB")
    }
}
