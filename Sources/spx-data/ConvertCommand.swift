import ArgumentParser
import Foundation
import Parquet
import Pipeline

struct ConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert an NDJSON file of option greeks rows into a Parquet file.",
        discussion: """
            Streams the input (memory stays bounded whatever its size), writes OUT only when it \
            is complete, and leaves any existing OUT untouched on failure. A malformed line \
            stops the conversion with its line number and field, unless --skip-bad-lines is given.

            Examples:
              spx-data convert greeks.ndjson greeks.parquet
              spx-data convert greeks.ndjson greeks.parquet --threads 2 --codec zstd --level 3
              spx-data convert staged.ndjson out.parquet --skip-bad-lines
            """)

    @Argument(help: "NDJSON input, one greeks row per line.")
    var input: String

    @Argument(help: "Parquet output path.")
    var output: String

    @Option(help: "Threads: 1 decodes and writes in turn; 2 or more overlap them.")
    var threads: Int = 1

    @Flag(help: "Skip malformed lines and report how many there were instead of failing.")
    var skipBadLines = false

    @Option(help: "Compression codec: zstd, snappy, gzip or none.")
    var codec: String = "zstd"

    @Option(help: "Compression level (zstd 1-22, gzip 1-9).")
    var level: Int32?

    @Option(help: "Rows per row group.")
    var rowGroupRows: Int = ConversionOptions.defaultRowGroupRows

    @Flag(help: "Print nothing on success.")
    var quiet = false

    func validate() throws {
        guard (1...64).contains(threads) else {
            throw ValidationError("--threads \(threads) is out of range; give a number from 1 to 64.")
        }
        guard CompressionCodec(name: codec) != nil, codec.lowercased() != "lz4_raw" else {
            throw ValidationError("--codec '\(codec)' is not one of zstd, snappy, gzip, none.")
        }
        guard rowGroupRows > 0 else {
            throw ValidationError("--row-group-rows \(rowGroupRows) must be a positive number of rows.")
        }
    }

    func run() async throws {
        HeapTuning.reuseLargeBlocks()
        var options = ConversionOptions()
        options.threads = threads
        options.skipBadLines = skipBadLines
        options.writer.codec = CompressionCodec(name: codec) ?? .zstd
        options.writer.compressionLevel = level
        options.writer.rowGroupRowLimit = rowGroupRows
        options.writer.keyValueMetadata = [KeyValue("spx-data.dataset", "greeks"), KeyValue("spx-data.source", input)]
        let started = ContinuousClock.now
        let summary: ConversionSummary
        do {
            summary = try NDJSONConverter(schema: .greeks, options: options).convert(input: input, output: output)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let elapsed = ContinuousClock.now - started
        if summary.skippedLines > 0 {
            printError("skipped \(summary.skippedLines) malformed line(s); the first:")
            for e in summary.firstSkipped { printError("  \(e)") }
        }
        if !quiet {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("wrote \(output): \(summary.rows) rows in \(summary.rowGroups) row groups, "
                + "\(ByteCount.human(summary.outputBytes)) from \(ByteCount.human(summary.inputBytes)) of NDJSON "
                + "in \(String(format: "%.2f", seconds)) s")
        }
    }
}
