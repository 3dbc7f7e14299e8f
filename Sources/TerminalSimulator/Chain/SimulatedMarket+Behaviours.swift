extension SimulatedMarket {
    /// Ways live Terminals were seen to answer in 2026 that a client must survive, off by
    /// default. They are part of the market, not faults: `rows(for:)` returns them as the HTTP
    /// layer serves them, and they never change from one request to the next.
    public struct Behaviours: Sendable, Hashable {
        /// Share (0…1) of interval rows that come back as the Terminal sends an interval
        /// without a quote: bid = ask = 0 with sizes, exchanges and conditions 0; for greeks
        /// of every order each greek 0, `implied_vol` 0.25 (a placeholder) and `iv_error` 100.
        /// Each row is drawn on its own from the seed, contract, date and interval, so the
        /// same rows are quiet in every format and at every interval that starts there.
        /// OHLC is untouched: it has its own bars without a trade.
        public var quietShare: Double
        /// Greeks rows of each session's first interval (09:30:00.000) were priced off the
        /// previous session's close: the underlying time is that session's close plus a few
        /// seconds (v3 prints its date, v2's `ms_of_day2` cannot), the underlying price its
        /// last price, and the greeks follow from that price.
        public var firstBarUsesPreviousClose: Bool

        /// - Parameters:
        ///   - quietShare: share of interval rows without a quote, 0…1 (0: none).
        ///   - firstBarUsesPreviousClose: whether each session's first greeks interval is
        ///     priced off the previous session's close.
        public init(quietShare: Double = 0, firstBarUsesPreviousClose: Bool = false) {
            self.quietShare = min(max(quietShare, 0), 1)
            self.firstBarUsesPreviousClose = firstBarUsesPreviousClose
        }
    }
}
