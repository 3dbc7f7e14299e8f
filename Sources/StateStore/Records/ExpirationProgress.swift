public import GRDB

/// How far one expiration of a (symbol, dataset, date) has come: a row of `expiration_progress`.
/// A staged expiration's NDJSON file is complete and fsynced, so a restart skips it; an
/// `empty` one had no rows at the vendor (472, or a body with only its header), which is
/// neither a failure nor a gap, and a restart skips it too.
public struct ExpirationProgress: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "expiration_progress"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public enum Status: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
        case pending, staged, empty, failed

        /// Staged or empty: nothing left to fetch.
        public var isDone: Bool { self == .staged || self == .empty }
    }

    public var symbol: String
    public var dataset: String
    public var date: String
    /// The option root, e.g. SPX or SPXW.
    public var root: String
    /// `YYYY-MM-DD`.
    public var expiration: String
    public var status: Status
    public var rowCount: Int64?
    public var stagedPath: String?
    public var sha256: String?
    public var bytes: Int64?
    public var attempts: Int
    public var updatedAt: String
    /// Contracts the Terminal listed for the expiration when the day was planned.
    public var contractsListed: Int?

    public init(
        symbol: String, dataset: String, date: String, root: String, expiration: String, status: Status,
        rowCount: Int64? = nil, stagedPath: String? = nil, sha256: String? = nil, bytes: Int64? = nil,
        attempts: Int = 0, updatedAt: String = Timestamps.now(), contractsListed: Int? = nil
    ) {
        self.contractsListed = contractsListed
        self.symbol = symbol
        self.dataset = dataset
        self.date = date
        self.root = root
        self.expiration = expiration
        self.status = status
        self.rowCount = rowCount
        self.stagedPath = stagedPath
        self.sha256 = sha256
        self.bytes = bytes
        self.attempts = attempts
        self.updatedAt = updatedAt
    }
}
