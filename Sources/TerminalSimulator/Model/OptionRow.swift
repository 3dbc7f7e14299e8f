public import MarketCalendar

/// One interval of one contract: the quote and first-order greeks the Terminal reports for it.
/// Both datasets come from the same row, so the quote and greeks endpoints agree on bid and ask.
/// Prices are already on the tick grid and greeks already rounded to 4 decimals, so a decimal
/// printout parses back to the identical `Double`.
public struct OptionRow: Sendable, Hashable {
    public var contract: Contract
    public var date: CivilDate
    /// Milliseconds since midnight, New York time: the start of the interval.
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
    public var impliedVol: Double
    public var ivError: Double
    /// Time of the underlying quote the greeks used (v2 `ms_of_day2`, v3 `underlying_timestamp`).
    public var underlyingMsOfDay: Int
    public var underlyingPrice: Double
}
