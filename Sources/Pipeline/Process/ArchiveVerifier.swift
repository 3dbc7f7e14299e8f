#if canImport(Glibc)
import Glibc
#endif
import MarketCalendar
import Parquet
public import StateStore
import ThetaData

/// Re-checks committed files against what the ledger recorded when they were made.
public enum ArchiveVerifier {
    /// What one committed day looks like now.
    public struct Finding: Sendable, Equatable {
        public var symbol: String
        public var dataset: String
        public var date: String
        public var path: String
        public var rows: Int64
        /// Empty when the file is sound.
        public var problems: [String]
        public var isSound: Bool { problems.isEmpty }

        public init(symbol: String, dataset: String, date: String, path: String, rows: Int64, problems: [String]) {
            self.symbol = symbol
            self.dataset = dataset
            self.date = date
            self.path = path
            self.rows = rows
            self.problems = problems
        }
    }

    /// Checks the file of a `success` record: present, the sidecar and a fresh SHA-256 equal to
    /// the ledger's checksum, the footer and every page CRC sound, the row count the ledger's.
    public static func verify(_ record: ProcessingRecord, layout: ArchiveLayout) -> Finding {
        let dataset = Dataset.all.first { $0.name == record.dataset } ?? .greeks
        var path = ""
        var problems: [String] = []
        var rows: Int64 = 0
        if let date = CivilDate(record.date) {
            path = layout.file(for: DayJob(symbol: record.symbol, dataset: dataset, date: date))
        } else {
            problems.append("the ledger's date '\(record.date)' is not a date")
        }
        var st = stat()
        if !path.isEmpty && stat(path, &st) != 0 {
            problems.append("the file is missing; process the date again to rebuild it")
        } else if !path.isEmpty {
            let expected = record.checksum ?? ""
            switch FileDigest.readSidecar(for: path) {
            case nil: problems.append("the sidecar \(path).sha256 is missing or unreadable")
            case let sidecar? where sidecar != expected: problems.append("the sidecar says \(sidecar) but the ledger \(expected)")
            default: break
            }
            do throws(StagingError) {
                let actual = try FileDigest.sha256(of: path)
                if actual != expected { problems.append("SHA-256 is \(actual) but the ledger recorded \(expected): the file changed") }
            } catch {
                problems.append(error.message)
            }
            let report = ParquetVerifier.verify(path: path)
            problems += report.problems.prefix(5).map(\.description)
            rows = report.rows
            if report.isValid, let recorded = record.recordCount, recorded != report.rows {
                problems.append("the file holds \(report.rows) rows but the ledger recorded \(recorded)")
            }
        }
        return Finding(symbol: record.symbol, dataset: record.dataset, date: record.date, path: path, rows: rows,
                       problems: problems)
    }
}
