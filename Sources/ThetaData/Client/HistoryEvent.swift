/// What a history request hands on as it goes.
public enum HistoryEvent: Sendable {
    /// Rows decoded so far, in the Terminal's order.
    case rows(OptionRowBatch)
    /// The request is being sent again from its start (an expired v2 page, a reset mid-body):
    /// drop the rows received for it so far.
    case restart(ThetaDataError)
}

/// The outcome of a history request.
public struct HistorySummary: Sendable {
    public var rows = 0
    /// The Terminal had no data (472): an empty expiration, not an error.
    public var isEmpty: Bool { rows == 0 }
    public var requests = 0
    public var pages = 0
    /// Time windows the request was split into after 570 answers (1 when not split).
    public var windows = 1
    public var report = DecodeReport()

    public init() {}

    init(requests: Int) {
        self.requests = requests
    }

    mutating func merge(_ other: HistorySummary) {
        rows += other.rows
        requests += other.requests
        pages += other.pages
        windows = windows + other.windows
        report.merge(other.report)
    }
}
