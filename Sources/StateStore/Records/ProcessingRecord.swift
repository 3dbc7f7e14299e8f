public import GRDB

/// One (symbol, dataset, date) of the archive and its latest attempt: a row of `processing_log`.
/// Dates are `YYYY-MM-DD`, instants ISO-8601 UTC text (see `Timestamps`).
public struct ProcessingRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "processing_log"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// The lifecycle `queued -> processing -> success | failed`.
    public enum Status: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
        case queued, processing, success, failed
    }

    public var symbol: String
    public var dataset: String
    public var date: String
    public var status: Status
    public var startedAt: String?
    public var completedAt: String?
    public var recordCount: Int64?
    public var expirationCount: Int?
    public var fileSizeBytes: Int64?
    public var checksum: String?
    public var errorMessage: String?
    public var errorType: String?
    public var retryCount: Int
    public var processingDurationMs: Int64?
    public var apiRequestsMade: Int?
    public var tempFileSizeBytes: Int64?
    public var memoryPeakMb: Int?
    /// The process working on the date while `status` is `processing`.
    public var processId: Int32?
    public var createdAt: String
    public var updatedAt: String

    public init(
        symbol: String, dataset: String, date: String, status: Status, startedAt: String? = nil,
        completedAt: String? = nil, recordCount: Int64? = nil, expirationCount: Int? = nil,
        fileSizeBytes: Int64? = nil, checksum: String? = nil, errorMessage: String? = nil,
        errorType: String? = nil, retryCount: Int = 0, processingDurationMs: Int64? = nil,
        apiRequestsMade: Int? = nil, tempFileSizeBytes: Int64? = nil, memoryPeakMb: Int? = nil,
        processId: Int32? = nil, createdAt: String = Timestamps.now(), updatedAt: String? = nil
    ) {
        self.symbol = symbol
        self.dataset = dataset
        self.date = date
        self.status = status
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.recordCount = recordCount
        self.expirationCount = expirationCount
        self.fileSizeBytes = fileSizeBytes
        self.checksum = checksum
        self.errorMessage = errorMessage
        self.errorType = errorType
        self.retryCount = retryCount
        self.processingDurationMs = processingDurationMs
        self.apiRequestsMade = apiRequestsMade
        self.tempFileSizeBytes = tempFileSizeBytes
        self.memoryPeakMb = memoryPeakMb
        self.processId = processId
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}
