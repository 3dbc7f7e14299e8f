public import MarketCalendar

/// Where a (symbol, date) stands in the processing ledger.
public enum ProcessingStatus: String, Sendable, CaseIterable {
    case pending, queued, processing, success, failed, skipped
    /// The vendor answered that it has no data for the day.
    case noData = "no_data"

    /// Reads the ledger's spelling; `no-data` and `nodata` are accepted for `no_data`.
    public init?(ledgerValue: String) {
        let value = ledgerValue.lowercased()
        switch value {
        case "no-data", "nodata": self = .noData
        default: self.init(rawValue: value)
        }
    }
}

/// How many of a day's expirations are done.
public struct ExpirationProgress: Sendable, Hashable {
    public var done: Int
    public var total: Int

    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }

    /// Some but not all expirations are done.
    public var isPartial: Bool { done > 0 && done < total }
}

/// One date of one symbol as the ledger records it; what the gap engine reads.
public struct ProcessingRecord: Sendable, Hashable {
    /// The trading date (New York).
    public var date: CivilDate
    public var status: ProcessingStatus
    /// Attempts started so far.
    public var attempts: Int
    public var lastError: String?
    /// The ledger's type of the last error (`permission`, `pending_at_vendor`, `terminal_…`).
    public var errorType: String?
    /// Per-expiration progress, when the ledger tracks it.
    public var progress: ExpirationProgress?
    /// The archived day's quality grade (A best, F worst), nil when it was not judged.
    public var grade: String?

    public init(date: CivilDate, status: ProcessingStatus, attempts: Int = 0, lastError: String? = nil,
                errorType: String? = nil, progress: ExpirationProgress? = nil, grade: String? = nil) {
        self.grade = grade
        self.date = date
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
        self.errorType = errorType
        self.progress = progress
    }
}
