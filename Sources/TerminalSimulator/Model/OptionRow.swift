public import MarketCalendar

/// One row of one contract: an interval's quote, greeks or trade bar, a session's open
/// interest, or a session's end-of-day report.
///
/// The quote and every order of greeks come from the same pricing, so the quote and greeks
/// endpoints agree on bid and ask. A dataset fills the fields it serves; the others stay 0
/// (a quote or first-order row has no higher-order greeks, an OHLC row no quote, an open
/// interest row nothing but `openInterest`). Prices are
/// already on the tick grid and greeks and `vwap` already rounded to 4 decimals, so a decimal
/// printout parses back to the identical `Double`.
public struct OptionRow: Sendable, Hashable {
    public var contract: Contract
    public var date: CivilDate
    /// Milliseconds since midnight, New York time: the start of the interval; for open
    /// interest the time OPRA's report came in (about 06:30); for end of day the time the
    /// report was built (v3 `created`, about 17:15).
    public var msOfDay: Int
    public var bidSize: Int
    public var bidExchange: Int
    public var bid: Double
    public var bidCondition: Int
    public var askSize: Int
    public var askExchange: Int
    public var ask: Double
    public var askCondition: Int
    public var delta: Double
    public var theta: Double
    public var vega: Double
    public var rho: Double
    public var epsilon: Double
    public var lambda: Double
    public var gamma = 0.0
    public var vanna = 0.0
    public var charm = 0.0
    public var vomma = 0.0
    public var veta = 0.0
    public var speed = 0.0
    public var zomma = 0.0
    public var color = 0.0
    public var ultima = 0.0
    public var impliedVol: Double
    public var ivError: Double
    /// Date of the underlying quote the greeks used: the row's own date, except on a first
    /// interval priced off the previous session's close (`Behaviours.firstBarUsesPreviousClose`).
    public var underlyingDate: CivilDate
    /// Time of the underlying quote the greeks used (v2 `ms_of_day2`, v3 `underlying_timestamp`).
    public var underlyingMsOfDay: Int
    public var underlyingPrice: Double
    /// Trades in the interval (OHLC) or the session (end of day); all 0 without a trade.
    public var open = 0.0
    public var high = 0.0
    public var low = 0.0
    public var close = 0.0
    public var volume = 0
    public var count = 0
    /// Volume-weighted average price of the bar; a bar without a trade carries the last
    /// traded bar's value of the session (0 before any), as the Terminal does.
    public var vwap = 0.0
    /// Contracts open at the end of the previous session, as reported the next morning.
    public var openInterest = 0
    /// End of day: when the contract last traded. On a session without a trade this is an
    /// earlier session, so its date differs from `date`. Other rows: `date` and 0.
    public var lastTradeDate: CivilDate
    public var lastTradeMsOfDay = 0
}

extension OptionRow {
    /// A row with no quote, greeks or trades yet: what the trade and daily datasets start from.
    init(contract: Contract, date: CivilDate, msOfDay: Int) {
        self.init(
            contract: contract, date: date, msOfDay: msOfDay,
            bidSize: 0, bidExchange: 0, bid: 0, bidCondition: 0, askSize: 0, askExchange: 0, ask: 0, askCondition: 0,
            delta: 0, theta: 0, vega: 0, rho: 0, epsilon: 0, lambda: 0, impliedVol: 0, ivError: 0,
            underlyingDate: date, underlyingMsOfDay: 0, underlyingPrice: 0, lastTradeDate: date)
    }

    /// Takes the quote fields (sizes, exchanges, prices, conditions) of `other`.
    mutating func takeQuote(of other: OptionRow) {
        (bidSize, bidExchange, bid, bidCondition) = (other.bidSize, other.bidExchange, other.bid, other.bidCondition)
        (askSize, askExchange, ask, askCondition) = (other.askSize, other.askExchange, other.ask, other.askCondition)
    }

    /// Takes every greek and the implied volatility of `other`, leaving the quote alone.
    mutating func takeGreeks(of other: OptionRow) {
        (delta, theta, vega, rho, epsilon, lambda) = (other.delta, other.theta, other.vega, other.rho, other.epsilon, other.lambda)
        (gamma, vanna, charm, vomma, veta) = (other.gamma, other.vanna, other.charm, other.vomma, other.veta)
        (speed, zomma, color, ultima) = (other.speed, other.zomma, other.color, other.ultima)
        (impliedVol, ivError) = (other.impliedVol, other.ivError)
    }
}
