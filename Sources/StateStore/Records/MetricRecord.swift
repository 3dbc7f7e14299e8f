public import GRDB

/// One measurement of processing a (symbol, dataset, date): a row of `performance_metrics`.
/// Names used by the pipeline: `rows_per_second`, `duration_ms`, `api_requests`, `memory_peak_mb`.
public struct MetricRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "performance_metrics"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var symbol: String
    public var dataset: String
    public var date: String
    public var metricName: String
    public var metricValue: Double
    public var unit: String?
    public var context: String?
    public var recordedAt: String

    public init(
        id: Int64? = nil, symbol: String, dataset: String, date: String, metricName: String, metricValue: Double,
        unit: String? = nil, context: String? = nil, recordedAt: String = Timestamps.now()
    ) {
        self.id = id
        self.symbol = symbol
        self.dataset = dataset
        self.date = date
        self.metricName = metricName
        self.metricValue = metricValue
        self.unit = unit
        self.context = context
        self.recordedAt = recordedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
