public import GRDB

/// The quality of one archived (symbol, dataset, date): a row of `quality_results`. The JSON
/// columns hold what the report shows; the checks are rows of their own (`QualityCheckRecord`).
public struct QualityRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "quality_results"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var symbol: String
    public var dataset: String
    public var date: String
    /// The judged file's SHA-256 and the hash of its staged rows (equal days share it).
    public var sha256: String?
    public var contentSha256: String?
    public var suiteVersion: String
    public var thresholdsHash: String
    public var rows: Int64
    public var score: Double
    public var grade: String
    /// JSON: dimension → score (or null), the research funnel, recommendations, trend flags.
    public var dimensions: String
    public var funnel: String
    public var recommendations: String
    public var trendFlags: String
    /// Rows of intervals without a quote or trade, as a fraction of the rows.
    public var quietShare: Double?
    /// The day's last underlying price: the next session's reference for its moves.
    public var underlyingClose: Double?
    public var computedAt: String

    public init(symbol: String, dataset: String, date: String, sha256: String?, contentSha256: String?, suiteVersion: String,
                thresholdsHash: String, rows: Int64, score: Double, grade: String, dimensions: String, funnel: String,
                recommendations: String, trendFlags: String, quietShare: Double?, underlyingClose: Double?,
                computedAt: String = Timestamps.now()) {
        self.symbol = symbol
        self.dataset = dataset
        self.date = date
        self.sha256 = sha256
        self.contentSha256 = contentSha256
        self.suiteVersion = suiteVersion
        self.thresholdsHash = thresholdsHash
        self.rows = rows
        self.score = score
        self.grade = grade
        self.dimensions = dimensions
        self.funnel = funnel
        self.recommendations = recommendations
        self.trendFlags = trendFlags
        self.quietShare = quietShare
        self.underlyingClose = underlyingClose
        self.computedAt = computedAt
    }
}

/// One check's outcome on a day: a row of `quality_checks`, with the population evaluated and
/// the count failed, so the score can be recomputed from the ledger alone.
public struct QualityCheckRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "quality_checks"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var symbol: String
    public var dataset: String
    public var date: String
    public var checkId: String
    public var severity: String
    public var evaluated: Int64
    public var failed: Int64
    /// Breaches at mid prices only (X1-X3).
    public var midOnly: Int64
    public var score: Double?
    /// JSON array of a few failures' keys.
    public var examples: String

    public init(symbol: String, dataset: String, date: String, checkId: String, severity: String, evaluated: Int64,
                failed: Int64, midOnly: Int64 = 0, score: Double?, examples: String) {
        self.midOnly = midOnly
        self.symbol = symbol
        self.dataset = dataset
        self.date = date
        self.checkId = checkId
        self.severity = severity
        self.evaluated = evaluated
        self.failed = failed
        self.score = score
        self.examples = examples
    }
}
