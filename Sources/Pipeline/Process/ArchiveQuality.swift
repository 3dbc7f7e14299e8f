import ArchiveFormat
import Foundation
public import MarketCalendar
import Parquet
public import Quality
public import StateStore
import ThetaData

/// The quality of days already in the archive: judged again from their files (any schema
/// version, including files written before the checks existed) and recorded in the ledger.
public enum ArchiveQuality {
    /// Judges the file of a `success` record with what the ledger knows of its day, and
    /// records the result.
    public static func judge(_ record: ProcessingRecord, layout: ArchiveLayout, store: StateStore,
                             thresholds: QualityThresholds, calendar: NYSECalendar = .nyse) throws -> DayQuality {
        guard let date = CivilDate(record.date) else {
            throw QualityError(path: record.date, message: "the ledger's date is not a date", remediation: "Check the ledger with `spx-data health`.")
        }
        let dataset = Dataset.all.first { $0.name == record.dataset } ?? .greeks
        let path = layout.file(for: DayJob(symbol: record.symbol, dataset: dataset, date: date))
        let contentHash = try? ArchiveFooter(ParquetFileReader(path: path).metadata.keyValueMetadata).contentSHA256
        let context = try QualityLedger.context(store: store, symbol: record.symbol, dataset: record.dataset, date: record.date,
                                                contentHash: contentHash ?? nil, history: thresholds.history)
        let day = try QualityAssessor(thresholds: thresholds, calendar: calendar).assess(path: path, context: context,
                                                                                         sha256: record.checksum)
        let (result, checks) = QualityLedger.records(day, contentHash: contentHash ?? nil)
        try store.save(quality: result, checks: checks)
        return day
    }

    /// A stored result as the report shows it; nil when its JSON columns no longer read.
    public static func stored(_ record: QualityRecord, checks: [QualityCheckRecord]) -> DayQuality? {
        let decoder = JSONDecoder()
        func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? { try? decoder.decode(type, from: Data(text.utf8)) }
        guard let grade = Grade(rawValue: record.grade), let dimensions = decode([String: Double?].self, record.dimensions),
              let funnel = decode([FunnelStep].self, record.funnel), let recommendations = decode([String].self, record.recommendations),
              let flags = decode([String].self, record.trendFlags) else { return nil }
        let byID = Dictionary(checks.map { ($0.checkId, $0) }, uniquingKeysWith: { first, _ in first })
        let results = QualityCheck.all.map { check -> CheckResult in
            let stored = byID[check.id.rawValue]
            let evaluated = stored?.evaluated ?? 0, failed = stored?.failed ?? 0
            return CheckResult(id: check.id, severity: check.severity, evaluated: evaluated, failed: failed,
                               midOnly: stored?.midOnly ?? 0,
                               rate: evaluated > 0 ? Double(failed) / Double(evaluated) : nil, score: stored?.score,
                               examples: stored.flatMap { decode([String].self, $0.examples) } ?? [])
        }
        var day = DayQuality(date: record.date, symbol: record.symbol, dataset: record.dataset, sha256: record.sha256,
                             thresholdsHash: record.thresholdsHash, rows: record.rows, score: record.score, grade: grade,
                             dimensions: dimensions, checks: results, funnel: funnel, recommendations: recommendations,
                             trendFlags: flags)
        day.suiteVersion = record.suiteVersion
        day.quietShare = record.quietShare
        day.underlyingClose = record.underlyingClose
        return day
    }
}
