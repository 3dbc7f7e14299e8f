import ArgumentParser
import Parquet

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a Parquet file: footer, every page's CRC32 and decoding, row counts.",
        discussion: """
            Exits 0 when the file is sound, 1 when any problem is found (each is listed with \
            its column, row group and byte offset).

            Examples:
              spx-data parquet verify data/2024/03/12/spx-options-2024-03-12.parquet
            """)

    @Argument(help: "The Parquet file to check.")
    var file: String

    func run() async throws {
        let report = ParquetVerifier.verify(path: file)
        for problem in report.problems {
            printError("FAULT: \(problem)")
        }
        let summary = "\(report.rows) rows, \(report.rowGroups) row groups, \(report.columnChunks) column chunks, "
            + "\(report.checkedPages) page CRCs verified, \(report.pagesWithoutChecksum) pages without CRC"
        if report.isValid {
            print("OK \(file): \(summary)")
        } else {
            printError("FAILED \(file): \(report.problems.count) problem(s); \(summary)")
            throw ExitCode(1)
        }
    }
}
