import Foundation
import MarketCalendar
public import Quality
public import StateStore
import ThetaData

extension DayProcessor {
    /// Judges a day's new file before it is linked in: a blocking check (S1-S4) fails the day
    /// as `quality`, leaving no file in the archive and the staging for a re-fetch (`retry`
    /// discards it first); any other finding is the day's grade.
    func judge(_ job: DayJob, path: String, sha256: String, contentHash: String) throws -> DayQuality {
        let context = try QualityLedger.context(store: store, symbol: job.symbol, dataset: job.dataset.name,
                                                date: job.date.description, contentHash: contentHash,
                                                history: qualityThresholds.history)
        let day: DayQuality
        do {
            day = try QualityAssessor(thresholds: qualityThresholds, calendar: calendar).assess(
                path: path, context: context, sha256: sha256)
        } catch {
            throw DayFailure(.quality, "\(job.symbol) \(job.dataset) \(job.date): the new file cannot be judged: \(error.message)",
                             remediation: error.remediation)
        }
        if let blocker = day.checks.first(where: { $0.severity == .blocker && $0.failed > 0 }) {
            let check = QualityCheck.of(blocker.id)
            throw DayFailure(.quality, "\(job.symbol) \(job.dataset) \(job.date) fails \(blocker.id.rawValue): \(check.summary) "
                             + "(\(blocker.failed) of \(blocker.evaluated); e.g. \(blocker.examples.prefix(3).joined(separator: "; ")))",
                             remediation: "Retry it: `spx-data retry \(job.date) --symbol \(job.symbol) --dataset \(job.dataset)` "
                                 + "fetches the day again.")
        }
        return day
    }
}

/// Between a day's quality and the ledger: the facts a judgement needs, and its record.
public enum QualityLedger {
    /// What the ledger knows of `date` that the checks compare its file with.
    public static func context(store: StateStore, symbol: String, dataset: String, date: String, contentHash: String?,
                               history: Int) throws(StateStoreError) -> QualityContext {
        let facts = try store.qualityFacts(symbol: symbol, dataset: dataset, date: date, history: history)
        var context = QualityContext()
        context.listedContracts = facts.listedContracts
        if facts.expirationsPlanned > 0 {
            context.expirationsAlive = facts.expirationsPlanned
            context.expirationsAccounted = facts.expirationsAccounted
        }
        context.previousRowCounts = facts.previousRowCounts
        context.previousScores = facts.previousScores
        context.previousQuietShares = facts.previousQuietShares
        context.previousClose = facts.previousClose
        if let contentHash {
            context.datesWithSameContent = try store.dates(withContent: contentHash, symbol: symbol, dataset: dataset, except: date)
                .compactMap(CivilDate.init)
        }
        return context
    }

    /// The ledger's rows for a judged day.
    public static func records(_ day: DayQuality, contentHash: String?) -> (QualityRecord, [QualityCheckRecord]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        func json(_ value: some Encodable) -> String { (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null" }
        let record = QualityRecord(
            symbol: day.symbol, dataset: day.dataset, date: day.date, sha256: day.sha256, contentSha256: contentHash,
            suiteVersion: day.suiteVersion, thresholdsHash: day.thresholdsHash, rows: day.rows, score: day.score,
            grade: day.grade.rawValue, dimensions: json(day.dimensions), funnel: json(day.funnel),
            recommendations: json(day.recommendations), trendFlags: json(day.trendFlags), quietShare: day.quietShare,
            underlyingClose: day.underlyingClose)
        let checks = day.checks.map { check in
            QualityCheckRecord(symbol: day.symbol, dataset: day.dataset, date: day.date, checkId: check.id.rawValue,
                               severity: check.severity.rawValue, evaluated: check.evaluated, failed: check.failed,
                               midOnly: check.midOnly, score: check.score, examples: json(check.examples))
        }
        return (record, checks)
    }
}
