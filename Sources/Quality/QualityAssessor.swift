import ArchiveFormat
import Parquet
public import MarketCalendar

/// Judges an archived day: reads its file once, row group by row group (memory stays at one
/// row group plus one expiration's chain), runs every check the file and the ledger's facts
/// allow, and scores the day. Checks that cannot run are reported "not evaluated".
public struct QualityAssessor: Sendable {
    public var thresholds: QualityThresholds
    public var calendar: NYSECalendar
    /// Rows judged at a time (tests make it small, so slices cut row groups and contracts).
    var sliceRows = RowSlices.rowsPerSlice

    public init(thresholds: QualityThresholds = QualityThresholds(), calendar: NYSECalendar = .nyse) {
        self.thresholds = thresholds
        self.calendar = calendar
    }

    /// - Parameters:
    ///   - path: an archive file of any schema version (or a file of the archive's columns).
    ///   - context: what the ledger knows of the day; empty for a lone file.
    ///   - sha256: the file's SHA-256 when the caller has it, kept with the result.
    public func assess(path: String, context: QualityContext = QualityContext(), sha256: String? = nil)
        throws(QualityError) -> DayQuality
    {
        let reader: ParquetFileReader
        do { reader = try ParquetFileReader(path: path) } catch {
            throw QualityError(path: path, message: "cannot be read as Parquet: \(error)",
                               remediation: "Check the path; `spx-data parquet verify` says what is wrong with the file.")
        }
        let footer = ArchiveFooter(reader.metadata.keyValueMetadata)
        let layout = ArchiveColumns(schema: reader.schema, footer: footer)
        var tallies: [QualityCheck.ID: CheckTally] = [:]
        tallies[.s1] = layout.schemaTally
        var scan = DayScan(layout: layout, footer: footer, calendar: calendar, thresholds: thresholds, context: context)
        if layout.isUsable {
            do {
                for group in reader.metadata.rowGroups.indices {
                    var slices = try RowSlices(reader: reader, rowGroup: group, columns: layout.index.values,
                                               rowsPerSlice: sliceRows)
                    while let slice = try slices.next() { scan.add(try RowGroupColumns(slice, layout: layout)) }
                }
            } catch {
                throw QualityError(path: path, message: "a row group cannot be read: \(error)",
                                   remediation: "Run `spx-data parquet verify \(path)`; process the date again if it is damaged.")
            }
        }
        let found = scan.finish()
        for (id, tally) in found.tallies { tallies[id, default: CheckTally()].merge(tally) }
        for (id, tally) in ContextChecks(context: context, thresholds: thresholds, rows: found.rows,
                                         contractsWithRows: found.contracts, footer: footer).tallies {
            tallies[id] = tally
        }
        let results = QualityScorer.results(tallies)
        let score = QualityScorer.score(results)
        var day = DayQuality(
            date: footer.date ?? "", symbol: footer.symbol ?? "", dataset: footer.dataset ?? "", sha256: sha256,
            thresholdsHash: thresholds.hash, rows: found.rows, score: score, grade: Grade(score: score),
            dimensions: Dictionary(uniqueKeysWithValues: QualityScorer.dimensions(results).map { ($0.key.rawValue, $0.value) }),
            checks: results, funnel: found.funnel, recommendations: [],
            trendFlags: TrendFlags.of(score: score, rows: found.rows, quietShare: found.quietShare, context: context,
                                      thresholds: thresholds))
        day.quietShare = found.quietShare
        day.underlyingClose = found.underlyingClose
        day.recommendations = Recommendations.for(day)
        return day
    }
}
