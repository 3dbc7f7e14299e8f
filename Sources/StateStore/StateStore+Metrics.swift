import GRDB

/// The performance of one processed (symbol, dataset, date), from its record and metrics.
public struct RunPerformance: Sendable, Equatable, Codable {
    public var symbol: String
    public var dataset: String
    public var date: String
    public var status: String
    public var completedAt: String?
    public var records: Int64?
    public var durationMs: Int64?
    /// Records per second over the whole processing duration.
    public var rowsPerSecond: Double?
    public var apiRequests: Int?
    public var memoryPeakMb: Int?
    public var fileSizeBytes: Int64?
    /// Every other metric recorded for the date, by name.
    public var metrics: [String: Double]
    /// The day's quality score (0 to 100) and grade, when it was judged.
    public var qualityScore: Double?
    public var grade: String?
}

extension StateStore {
    /// Records metrics in one transaction; their processing records must exist.
    public func record(metrics: [MetricRecord]) throws(StateStoreError) {
        try write { db in for var metric in metrics { try metric.insert(db) } }
    }

    /// The performance of finished dates, most recently finished first.
    /// - Parameters:
    ///   - date: only this trading date.
    ///   - last: at most this many dates.
    public func performance(date: String? = nil, last: Int? = nil) throws(StateStoreError) -> [RunPerformance] {
        try read { db in
            var request = ProcessingRecord.filter(Column("processing_duration_ms") != nil || Column("record_count") != nil)
            if let date { request = request.filter(Column("date") == date) }
            request = request.order(Column("completed_at").desc, Column("date").desc)
            if let last { request = request.limit(last) }
            return try request.fetchAll(db).map { record in
                let metrics = try MetricRecord
                    .filter(Column("symbol") == record.symbol && Column("dataset") == record.dataset && Column("date") == record.date)
                    .fetchAll(db)
                var rate: Double?
                if let rows = record.recordCount, let ms = record.processingDurationMs, ms > 0 {
                    rate = Double(rows) * 1000 / Double(ms)
                }
                let quality = try QualityRecord.fetchOne(db, key: ["symbol": record.symbol, "dataset": record.dataset,
                                                                   "date": record.date])
                return RunPerformance(
                    symbol: record.symbol, dataset: record.dataset, date: record.date, status: record.status.rawValue,
                    completedAt: record.completedAt, records: record.recordCount, durationMs: record.processingDurationMs,
                    rowsPerSecond: rate, apiRequests: record.apiRequestsMade, memoryPeakMb: record.memoryPeakMb,
                    fileSizeBytes: record.fileSizeBytes,
                    metrics: Dictionary(metrics.map { ($0.metricName, $0.metricValue) }, uniquingKeysWith: { _, last in last }),
                    qualityScore: quality?.score, grade: quality?.grade)
            }
        }
    }
}
