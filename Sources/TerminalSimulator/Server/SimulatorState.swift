import MarketCalendar

/// A v2 page waiting to be fetched: which rows of which request, and when it was made.
struct PendingPage: Sendable {
    var plan: ChainPlan
    var format: OutputFormat
    var dataset: Dataset
    var index: Int
    /// When the page's expiry started: the end of the previous page's body, so a slow body
    /// does not use up the next page's time. Nil until then.
    var ready: ContinuousClock.Instant? = nil
}

/// What `SimulatorState.admit` decides the faults of: a listing or a history request.
struct DataRequest: Sendable {
    /// Rows the answer holds; nil for listings.
    var rows: Int?
    /// The one expiration asked for, `YYYY-MM-DD`.
    var expiration: String?
    /// The sessions asked for; nil when the request names no date (the expirations listing).
    var dates: ClosedRange<CivilDate>?
    var isHistory = false

    /// A listing: of one date (the contracts listing), or of none.
    static func listing(on date: CivilDate? = nil) -> DataRequest { DataRequest(dates: date.map { $0...$0 }) }

    /// A history request and its row count.
    static func history(_ request: ChainRequest, rows: Int) -> DataRequest {
        DataRequest(rows: rows, expiration: request.expiration?.description, dates: request.startDate...request.endDate,
                    isHistory: true)
    }
}

/// Faults that shape a response body once the request is accepted.
struct BodyFaults: Sendable {
    /// The `empty` fault: a header and no rows.
    var empty = false
    var reset = false
    var truncate = false
    var trickle: (bytes: Int, delay: Duration)?
    var malformedProbability = 0.0
    /// Seeds the per-row malformed draws, so each request breaks different rows.
    var key: UInt64 = 0
    /// Where the body counts the faults it applies (cut, broken rows).
    var counter: FaultCounter?
}

/// The Terminal's session state: the pinned host, pages waiting, the upstream connection and
/// the fault draws (seeded, so a run with the same requests in the same order repeats).
actor SimulatorState {
    let configuration: SimulatorConfiguration
    private let clock = ContinuousClock()
    private var pinnedHost: String?
    private var nextPageID = 1
    private var pages: [Int: PendingPage] = [:]
    private var dataRequests = 0
    private var outageUntil: ContinuousClock.Instant?
    private var draws: SeededHash
    /// What has been injected so far, by kind.
    nonisolated let counter: FaultCounter

    init(configuration: SimulatorConfiguration, counter: FaultCounter) {
        self.configuration = configuration
        self.counter = counter
        draws = SeededHash(configuration.seed, 0xFA17)
    }

    /// False when `host` differs from the first request's (127.0.0.1 versus localhost): 476.
    func admitHost(_ host: String) -> Bool {
        guard let pinnedHost else {
            pinnedHost = host
            return true
        }
        return pinnedHost == host
    }

    /// Whether the upstream (MDDS) connection is up, for the status endpoints.
    var isConnected: Bool {
        guard let outageUntil else { return true }
        return clock.now >= outageUntil
    }

    /// Decides the faults of one data request.
    func admit(_ request: DataRequest) throws(TerminalRefusal) -> BodyFaults {
        do {
            return try draw(request)
        } catch {
            counter.add(error.kind)
            throw error.refusal
        }
    }

    /// A refusal `admit` counts under its fault's kind.
    private struct Injected: Error {
        var kind: FaultSpec.Kind
        var refusal: TerminalRefusal
    }

    private func draw(_ request: DataRequest) throws(Injected) -> BodyFaults {
        let (rows, expiration) = (request.rows, request.expiration)
        let index = dataRequests
        dataRequests += 1
        let faults = configuration.faults
        let disconnected = TerminalRefusal(.disconnected, "Terminal is disconnected from the data server (MDDS).")
        if !isConnected { throw Injected(kind: .disconnected, refusal: disconnected) }
        if let fault = faults.fault(.disconnected), hits(fault, index) {
            outageUntil = clock.now.advanced(by: fault.outage)
            throw Injected(kind: .disconnected, refusal: disconnected)
        }
        if let fault = faults.fault(.badSession), hits(fault, index) {
            throw Injected(kind: .badSession, refusal: Self.badSession)
        }
        if let fault = faults.fault(.starting), hits(fault, index) {
            throw Injected(kind: .starting, refusal: TerminalRefusal(.serverStarting, "The server is starting; try again shortly."))
        }
        if let fault = faults.fault(.rateLimited), hits(fault, index) {
            throw Injected(kind: .rateLimited, refusal: TerminalRefusal(
                .osLimit, "Too many requests; the request queue is full.", retryAfterSeconds: fault.retryAfterSeconds))
        }
        if let fault = faults.fault(.forbidden), let start = fault.coverageStart, let dates = request.dates,
           dates.lowerBound < start {
            throw Injected(kind: .forbidden, refusal: notSubscribed(before: start))
        }
        if let fault = faults.fault(.currentDay), request.isHistory, let dates = request.dates,
           dates.upperBound >= fault.currentDay ?? configuration.today {
            throw Injected(kind: .currentDay, refusal: Self.currentDay)
        }
        if let fault = faults.fault(.tooLarge), let rows, rows > fault.aboveRows {
            throw Injected(kind: .tooLarge, refusal: TerminalRefusal(
                .largeRequest, "The request is too large (\(rows) rows); split it into smaller requests."))
        }
        if let fault = faults.fault(.noData), let expiration, fault.expirations.contains(expiration) {
            throw Injected(kind: .noData, refusal: .noData)
        }
        var body = BodyFaults(key: draws.next(), counter: counter)
        if let fault = faults.fault(.empty), request.isHistory, let expiration, fault.expirations.contains(expiration) {
            body.empty = true
            counter.add(.empty)
            return body
        }
        if let fault = faults.fault(.reset) { body.reset = hits(fault, index) }
        if let fault = faults.fault(.truncate) { body.truncate = hits(fault, index) }
        // With exp=, only those expirations trickle: a test can hold one back while the rest arrive.
        if let fault = faults.fault(.trickle), hits(fault, index),
           fault.expirations.isEmpty || expiration.map(fault.expirations.contains) == true {
            body.trickle = (fault.trickleBytes, fault.trickleDelay)
        }
        if let fault = faults.fault(.malformed) {
            // `p` is a per-row probability; `n` breaks every row of the first n requests only,
            // so a client's retry of the same request can be seen to come back clean.
            switch fault.trigger {
            case .probability(let p): body.malformedProbability = p
            case .firstRequests(let n): body.malformedProbability = index < n ? 1 : 0
            case .always: body.malformedProbability = 1
            }
        }
        return body
    }

    /// The 403 of a subscription that starts at `start`; a v2 Terminal says 471 PERMISSION.
    private func notSubscribed(before start: CivilDate) -> TerminalRefusal {
        TerminalRefusal(configuration.api == .v3 ? .forbidden : .permission,
                        "Your subscription does not include option data before \(start).")
    }

    /// The 500 of a session another Terminal took over; v2 names the condition INVALID_SESSION_ID.
    static let badSession = TerminalRefusal(
        .serverError, "BadSession: the session is no longer valid; only one Terminal may be logged in per account.",
        v2ErrorType: "INVALID_SESSION_ID")

    /// The 400 of current-day data asked without an expiration; v2's table has no 400, and
    /// GENERAL is its name for an error outside the table.
    static let currentDay = TerminalRefusal(
        .badRequest, "Cannot fetch current-day data without specifying an expiration", v2ErrorType: "GENERAL")

    private func hits(_ fault: FaultSpec.Fault, _ index: Int) -> Bool {
        switch fault.trigger {
        case .always: true
        case .firstRequests(let n): index < n
        case .probability(let p): draws.uniform() < p
        }
    }

    /// Stores a page and returns its id; ids grow across all requests, as the Terminal's do.
    func register(_ page: PendingPage) -> Int {
        dropExpiredPages()
        let id = nextPageID
        nextPageID += 1
        pages[id] = page
        return id
    }

    /// The page with `id`, removed from the store; nil when unknown or expired (477).
    func claimPage(_ id: Int) -> PendingPage? {
        dropExpiredPages()
        return pages.removeValue(forKey: id)
    }

    private func dropExpiredPages() {
        let now = clock.now
        pages = pages.filter { page in page.value.ready.map { now - $0 <= configuration.pageExpiry } ?? true }
    }

    /// Starts page `id`'s expiry: the page before it has been delivered (or abandoned).
    func startExpiry(ofPage id: Int) {
        pages[id]?.ready = clock.now
    }
}
