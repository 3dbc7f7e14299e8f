public import MarketCalendar

/// Which Terminal the simulator pretends to be.
public enum TerminalAPI: String, Sendable, CaseIterable {
    case v3
    case v2

    /// The real Terminal's port: 25503 for v3, 25510 for v2.
    public var defaultPort: Int { self == .v3 ? 25503 : 25510 }
}

/// Everything the simulator can be told; every default is the real Terminal's.
public struct SimulatorConfiguration: Sendable {
    public var api: TerminalAPI
    /// Port on 127.0.0.1; 0 picks a free one (read it from `SimulatorServer.port`).
    public var port: Int
    public var seed: UInt64 = 1
    /// Chain size: 1.0 is a full day (over 10 M SPX+SPXW greeks rows at one minute).
    public var scale = 1.0
    /// Live-Terminal quirks the market's rows carry (quiet intervals, a first bar priced off
    /// the previous close); none by default.
    public var behaviours = SimulatedMarket.Behaviours()
    /// Requests served at once (the tier cap: FREE 1, VALUE 2, STANDARD 4, PRO 8).
    public var concurrency = 4
    /// Requests waiting beyond the cap before the Terminal answers 429.
    public var queueLimit = 16
    /// Multiplies each endpoint's p90 latency; 0 answers at once (tests).
    public var latencyScale = 0.0
    /// v2 rows per page (`HTTP_TICK_LIM`).
    public var tickLimit = 500_000
    /// How long an unclaimed v2 page waits before it is dropped (`HTTP_PAGE_EXPIRE`), then 477.
    public var pageExpiry: Duration = .seconds(10)
    public var faults = FaultSpec()
    /// Whether the HTTP server logs its start and stop to standard error; off when the
    /// simulator runs inside another command (the demo) whose output is for people.
    public var logsServerEvents = true
    /// Bytes of fault-free history bodies kept so that a repeated request is answered from
    /// memory: a benchmark then times its client, not the simulator's pricing. 0 keeps none.
    public var bodyCacheBytes = 256 << 20
    /// The day the "every expiration ever listed" endpoints list up to, and the first day
    /// the `400` fault refuses unless it names its own.
    public var today: CivilDate

    public init(api: TerminalAPI, port: Int? = nil, today: CivilDate = CivilDate(year: 2026, month: 6, day: 30)!) {
        self.api = api
        self.port = port ?? api.defaultPort
        self.today = today
    }
}
