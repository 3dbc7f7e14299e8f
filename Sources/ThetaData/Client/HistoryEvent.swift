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
    /// Failed tries the client sent again, in order, with how long it waited before each.
    public var retried: [RetriedTry] = []

    public init() {}

    init(requests: Int, retried: [RetriedTry] = []) {
        self.requests = requests
        self.retried = retried
    }

    mutating func merge(_ other: HistorySummary) {
        rows += other.rows
        requests += other.requests
        pages += other.pages
        windows = windows + other.windows
        report.merge(other.report)
        retried += other.retried
    }
}

/// A try of a request that failed and was sent again.
public struct RetriedTry: Sendable, Equatable {
    /// The condition, as `ThetaDataError.Code` names it (`rateLimited`, `connectionReset`, …).
    public var code: String
    /// The HTTP status, nil when no response came.
    public var status: Int?
    /// The backoff slept before the next try; zero for a restart, which goes at once.
    public var wait: Duration

    public init(code: String, status: Int?, wait: Duration) {
        self.code = code
        self.status = status
        self.wait = wait
    }

    init(_ error: ThetaDataError, _ decision: RetryDecision) {
        code = error.code.description
        status = error.status
        switch decision {
        case .retry(let delay), .waitForUpstreamThenRetry(let delay): wait = delay
        default: wait = .zero
        }
    }
}
