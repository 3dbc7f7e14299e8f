public import MarketCalendar

/// What a history request asks for, in the simulator's own terms; both API versions parse
/// their parameters into this, and `SimulatedMarket.rows(for:)` answers it.
public struct ChainRequest: Sendable, Hashable {
    public var root: String
    /// What the rows hold. The quote and the greeks of every order share their rows;
    /// open interest and end of day have one row per contract and session.
    public var dataset: Dataset
    /// One expiration, or nil for every expiration alive on the day (v3 `*`, v2 `exp=0`).
    public var expiration: CivilDate?
    public var startDate: CivilDate
    public var endDate: CivilDate
    /// Interval length in milliseconds (60_000 = one minute); ignored by open interest and end of day.
    public var intervalMs: Int
    /// One strike in tenths of a cent, or nil for all.
    public var strike: Int?
    /// One right, or nil for both.
    public var right: OptionRight?
    /// Part of each session, in ms since New York midnight, both ends included (the Terminal's
    /// `start_time`/`end_time`), or nil for the whole session. A client that is told 570 splits
    /// its request into such windows, so the simulator must serve exactly the window asked for.
    /// Open interest and end of day ignore it.
    public var timeWindow: ClosedRange<Int>?

    public init(root: String, dataset: Dataset = .greeks, expiration: CivilDate?, startDate: CivilDate, endDate: CivilDate? = nil,
                intervalMs: Int = 60_000, strike: Int? = nil, right: OptionRight? = nil,
                timeWindow: ClosedRange<Int>? = nil) {
        self.root = root
        self.dataset = dataset
        self.expiration = expiration
        self.startDate = startDate
        self.endDate = endDate ?? startDate
        self.intervalMs = intervalMs
        self.strike = strike
        self.right = right
        self.timeWindow = timeWindow
    }
}
