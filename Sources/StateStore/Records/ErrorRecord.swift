public import GRDB

/// One failure while processing a (symbol, dataset, date): a row of `error_log`.
/// `errorType` is a bounded category (e.g. `connection_refused`), never free text, so that
/// patterns can be counted.
public struct ErrorRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "error_log"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var symbol: String
    public var dataset: String
    public var date: String
    public var errorType: String
    public var errorMessage: String
    public var stackTrace: String?
    public var retryAttempt: Int
    /// JSON with whatever helps debugging (URL, expiration, HTTP status).
    public var contextData: String?
    public var occurredAt: String
    public var resolvedAt: String?
    public var resolutionMethod: String?

    public init(
        id: Int64? = nil, symbol: String, dataset: String, date: String, errorType: String, errorMessage: String,
        stackTrace: String? = nil, retryAttempt: Int = 0, contextData: String? = nil,
        occurredAt: String = Timestamps.now(), resolvedAt: String? = nil, resolutionMethod: String? = nil
    ) {
        self.id = id
        self.symbol = symbol
        self.dataset = dataset
        self.date = date
        self.errorType = errorType
        self.errorMessage = errorMessage
        self.stackTrace = stackTrace
        self.retryAttempt = retryAttempt
        self.contextData = contextData
        self.occurredAt = occurredAt
        self.resolvedAt = resolvedAt
        self.resolutionMethod = resolutionMethod
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
