/// One recorded date of a symbol and dataset, as the gap engine needs it.
public struct LedgerDay: Sendable, Equatable {
    /// `YYYY-MM-DD`.
    public var date: String
    public var status: ProcessingRecord.Status
    public var retryCount: Int
    public var errorMessage: String?
    /// The last error's type (`permission`, `pending_at_vendor`, `terminal_…`).
    public var errorType: String?
    /// The quality grade of an archived day (A to F), nil when it was not judged.
    public var grade: String?
    /// Expirations staged so far, of those planned (0 and 0 when none were planned yet).
    public var expirationsDone: Int
    public var expirationsTotal: Int

    public init(date: String, status: ProcessingRecord.Status, retryCount: Int = 0, errorMessage: String? = nil,
                errorType: String? = nil, grade: String? = nil, expirationsDone: Int = 0, expirationsTotal: Int = 0) {
        self.grade = grade
        self.date = date
        self.status = status
        self.retryCount = retryCount
        self.errorMessage = errorMessage
        self.errorType = errorType
        self.expirationsDone = expirationsDone
        self.expirationsTotal = expirationsTotal
    }
}

/// What an average successful date of a symbol and dataset cost; nil fields were never recorded.
public struct SuccessAverages: Sendable, Equatable {
    public var days: Int
    public var rows: Double?
    public var bytes: Double?
    public var expirations: Double?
    public var requests: Double?
    public var durationMs: Double?
}
