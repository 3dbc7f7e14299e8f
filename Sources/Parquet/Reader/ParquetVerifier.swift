/// What `ParquetVerifier` found in a file.
public struct VerificationReport: Sendable {
    public var rows: Int64 = 0
    public var rowGroups = 0
    public var columnChunks = 0
    /// Pages whose CRC32 was present and matched.
    public var checkedPages = 0
    /// Pages written without a CRC32 (other writers omit it by default).
    public var pagesWithoutChecksum = 0
    public var problems: [ParquetError] = []

    public var isValid: Bool { problems.isEmpty }
}

/// Checks a whole file: the footer, every page's CRC32 and decoding, and that every column
/// chunk holds exactly its row group's row count. Keeps going after a bad chunk so that one
/// run reports every problem. Memory is bounded by one column chunk.
public enum ParquetVerifier {
    public static func verify(path: String) -> VerificationReport {
        var report = VerificationReport()
        let reader: ParquetFileReader
        do {
            reader = try ParquetFileReader(path: path)
        } catch {
            report.problems.append(error)
            return report
        }
        return verify(reader)
    }

    public static func verify(_ reader: ParquetFileReader) -> VerificationReport {
        var report = VerificationReport()
        report.rowGroups = reader.metadata.rowGroups.count
        for (g, group) in reader.metadata.rowGroups.enumerated() {
            for c in reader.schema.columns.indices {
                report.columnChunks += 1
                do throws(ParquetError) {
                    var chunk = try reader.columnChunk(rowGroup: g, column: c, verifyChecksums: true)
                    var rows = 0
                    while let page = try chunk.nextPage() { rows += page.rowCount }
                    report.checkedPages += chunk.checkedPages
                    report.pagesWithoutChecksum += chunk.pagesWithoutChecksum
                    if Int64(rows) != group.numRows {
                        report.problems.append(ParquetError(
                            .corruptPage, "the pages hold \(rows) rows but the row group declares \(group.numRows)",
                            at: .init(rowGroup: g, column: reader.schema.columns[c].name), path: reader.path))
                    }
                } catch {
                    report.problems.append(error)
                }
            }
            report.rows += group.numRows
        }
        return report
    }
}
