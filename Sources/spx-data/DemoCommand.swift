import ArgumentParser
import Foundation
import Parquet
import Pipeline

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the tool's main job end to end on built-in data: stage NDJSON, convert, verify.",
        discussion: """
            Generates a deterministic trading day of SPX greeks as an NDJSON staging file, \
            streams it into Parquet, verifies every page, and prints where the files are and \
            how to read them with DuckDB or pandas. Needs no data vendor.

            Examples:
              spx-data demo
              spx-data demo --dir /tmp/spx-demo --expirations 12
            """)

    @Option(help: "Directory for the demo's files (created if missing).")
    var dir: String = "./data/demo"

    @Option(help: "Expirations in the generated day (each holds 80 contracts × 390 minutes).")
    var expirations: Int = 6

    func validate() throws {
        guard (1...200).contains(expirations) else {
            throw ValidationError("--expirations \(expirations) is out of range; give 1 to 200.")
        }
    }

    func run() async throws {
        HeapTuning.reuseLargeBlocks()
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            printError("error: cannot create \(dir): \(error.localizedDescription). Pass --dir with a writable directory.")
            throw ExitCode(1)
        }
        var day = SyntheticGreeks()
        day.expirations = expirations
        let staging = "\(dir)/spx-greeks-2024-03-12.ndjson"
        let output = "\(dir)/spx-options-2024-03-12.parquet"
        print("1/3 staging \(day.rowCount) greeks rows to \(staging)")
        try day.write(to: staging)
        print("2/3 converting to \(output)")
        var options = ConversionOptions()
        options.threads = 2
        options.writer.filePermissions = 0o600
        options.writer.keyValueMetadata = [
            KeyValue("spx-data.dataset", "greeks"), KeyValue("spx-data.symbol", "SPX"),
            KeyValue("spx-data.date", "2024-03-12"), KeyValue("spx-data.source", "synthetic"),
        ]
        let started = ContinuousClock.now
        let summary = try NDJSONConverter(schema: .greeks, options: options).convert(input: staging, output: output)
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        print("    \(summary.rows) rows, \(ByteCount.human(summary.inputBytes)) NDJSON -> \(ByteCount.human(summary.outputBytes)) Parquet "
            + "in \(String(format: "%.2f", seconds)) s (\(String(format: "%.0f", Double(summary.rows) / seconds / 1e3)) k rows/s)")
        print("3/3 verifying")
        let report = ParquetVerifier.verify(path: output)
        guard report.isValid, report.rows == summary.rows else {
            for p in report.problems { printError("FAULT: \(p)") }
            throw ExitCode(1)
        }
        print("    OK: \(report.rows) rows, \(report.rowGroups) row group(s), \(report.checkedPages) page CRCs verified\n")
        print("Files:\n  \(staging)\n  \(output)\n")
        print("Read it:")
        print("  duckdb -c \"SELECT root, expiration, count(*) FROM '\(output)' GROUP BY ALL ORDER BY ALL\"")
        print("  python3 -c \"import pandas as pd; print(pd.read_parquet('\(output)').describe())\"")
        print("  \(CommandLine.arguments[0]) parquet inspect \(output)")
    }
}
