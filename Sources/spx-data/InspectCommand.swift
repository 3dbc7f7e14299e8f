import ArgumentParser
import Foundation
import Parquet

struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a Parquet file's schema, row groups, encodings, codecs, sizes, statistics and metadata.",
        discussion: """
            Examples:
              spx-data parquet inspect out.parquet
              spx-data parquet inspect out.parquet --format json | jq '.row_groups[0]'
            """)

    @Argument(help: "The Parquet file to inspect.")
    var file: String

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func run() async throws {
        let reader: ParquetFileReader
        do {
            reader = try ParquetFileReader(path: file)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let report = InspectReport(reader, fileSize: (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int64) ?? nil)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        case .table:
            print(report.tableText(), terminator: "")
        }
    }
}
