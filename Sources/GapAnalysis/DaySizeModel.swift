/// How much work one session costs to fetch, for estimating the work in a set of gaps.
public struct DaySizeModel: Sendable, Hashable {
    /// Expirations listed on an average session (SPX plus SPXW).
    public var expirationsPerDay: Double
    /// Overrides of `expirationsPerDay` for given years, since listings grew over time.
    public var expirationsByYear: [Int: Double]
    public var requestsPerExpiration: Double
    public var rowsPerExpiration: Double
    /// Bytes per row in the output file.
    public var bytesPerRow: Double
    /// Average time a request takes, if a duration estimate is wanted.
    public var secondsPerRequest: Double?
    /// Requests in flight at once (the Terminal allows 4).
    public var concurrency: Int

    public init(expirationsPerDay: Double, expirationsByYear: [Int: Double] = [:], requestsPerExpiration: Double = 1,
                rowsPerExpiration: Double, bytesPerRow: Double, secondsPerRequest: Double? = nil, concurrency: Int = 4) {
        self.expirationsPerDay = expirationsPerDay
        self.expirationsByYear = expirationsByYear
        self.requestsPerExpiration = requestsPerExpiration
        self.rowsPerExpiration = rowsPerExpiration
        self.bytesPerRow = bytesPerRow
        self.secondsPerRequest = secondsPerRequest
        self.concurrency = max(concurrency, 1)
    }

    /// The work for one session in `year` with `expirations` left to fetch (nil: all).
    func estimate(year: Int, expirationsLeft: Int?) -> WorkEstimate {
        let expirations = expirationsLeft.map(Double.init) ?? expirationsByYear[year] ?? expirationsPerDay
        let requests = Int((expirations * requestsPerExpiration).rounded(.up))
        let rows = Int((expirations * rowsPerExpiration).rounded())
        return WorkEstimate(sessions: 1, requests: requests, rows: rows, bytes: Int((Double(rows) * bytesPerRow).rounded()),
                            seconds: secondsPerRequest.map { Double(requests) * $0 / Double(concurrency) })
    }
}

/// Work to fetch some sessions: what `DaySizeModel` predicts, added up.
public struct WorkEstimate: Sendable, Hashable {
    public var sessions: Int
    public var requests: Int
    public var rows: Int
    public var bytes: Int
    /// Wall time at the model's concurrency, when the model has a time per request.
    public var seconds: Double?

    public init(sessions: Int = 0, requests: Int = 0, rows: Int = 0, bytes: Int = 0, seconds: Double? = nil) {
        self.sessions = sessions
        self.requests = requests
        self.rows = rows
        self.bytes = bytes
        self.seconds = seconds
    }

    public static func + (a: WorkEstimate, b: WorkEstimate) -> WorkEstimate {
        let seconds: Double? = a.seconds == nil && b.seconds == nil ? nil : (a.seconds ?? 0) + (b.seconds ?? 0)
        return WorkEstimate(sessions: a.sessions + b.sessions, requests: a.requests + b.requests, rows: a.rows + b.rows,
                            bytes: a.bytes + b.bytes, seconds: seconds)
    }
}
