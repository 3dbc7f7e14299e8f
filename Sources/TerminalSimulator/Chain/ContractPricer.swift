import MarketCalendar

/// Prices one contract through one session: Black-Scholes on a skewed smile around the day's
/// path, quotes on the root's tick grid. Every dataset starts from these rows: the quote and
/// greeks datasets serve them, trade bars trade inside their quotes, end of day closes on one.
struct ContractPricer {
    let contract: Contract
    let path: DayPath
    let profile: RootProfile
    /// The contract's coordinate in every seeded draw made for it.
    let key: UInt64
    private let strike: Double
    private let call: Bool
    private let expiryMinute: Double

    init(_ contract: Contract, on path: DayPath, profile: RootProfile) {
        self.contract = contract
        self.path = path
        self.profile = profile
        strike = contract.strikeDollars
        call = contract.right == .call
        expiryMinute = Double(contract.expiration.daysSince1970 * 1440 + (profile.settlesAtOpen ? 570 : 960))
        key = Self.key(of: contract)
    }

    static func key(of contract: Contract) -> UInt64 {
        SeededHash.text(contract.root) ^ UInt64(contract.strike) &* 31
            ^ UInt64(contract.expiration.daysSince1970) << 40 ^ (contract.right == .call ? 1 : 2)
    }

    var date: CivilDate { path.session.date }

    /// The quote and greeks of `minute`, stamped `ms` (which also sets the time left to
    /// expiry), with the greeks priced off `spot`: the minute's own underlying price unless a
    /// stale one is given. Second- and third-order greeks only when `higherOrders` (0
    /// otherwise), since they cost the first-order datasets time for values they never print.
    func row(minute: Int, ms: Int, spot givenSpot: Double? = nil, higherOrders: Bool = false) -> OptionRow {
        let spot = givenSpot ?? path.prices[minute]
        let nowMinute = Double(date.daysSince1970 * 1440) + Double(ms) / 60_000
        let years = max(expiryMinute - nowMinute, 0.5) / 525_600
        let k = naturalLog(strike / spot)
        let vol = min(max(path.baseVol + Self.smile(k) + 0.02 / (1 + 30 * years), 0.04), 4)
        let model = BlackScholes(spot: spot, strike: strike, years: years, vol: vol, call: call)
        var noise = SeededHash(key, UInt64(date.daysSince1970), UInt64(minute))
        let halfSpread = max(0.025, model.price * 0.004)
        let bidCents = Self.onGrid(model.price - halfSpread, ticks: profile.tickCents, roundUp: false)
        let askCents = max(Self.onGrid(model.price + halfSpread, ticks: profile.tickCents, roundUp: true),
                           bidCents + profile.tickCents.low)
        var row = OptionRow(
            contract: contract, date: date, msOfDay: ms,
            bidSize: bidCents == 0 ? 0 : noise.int(in: 1...250), bidExchange: profile.exchange,
            bid: Double(bidCents) / 100, bidCondition: 50,
            askSize: noise.int(in: 1...250), askExchange: profile.exchange,
            ask: Double(askCents) / 100, askCondition: 50,
            delta: Self.round4(model.delta), theta: Self.round4(model.theta), vega: Self.round4(model.vega),
            rho: Self.round4(model.rho), epsilon: Self.round4(model.epsilon), lambda: Self.round4(model.lambda),
            impliedVol: Self.round4(vol), ivError: Self.round4(noise.uniform() * 0.002),
            underlyingDate: date, underlyingMsOfDay: path.openMs + minute * 60_000 - path.quoteLagMs[minute],
            underlyingPrice: spot, lastTradeDate: date)
        if higherOrders {
            (row.gamma, row.vanna, row.charm) = (Self.greek(model.gamma), Self.greek(model.vanna), Self.greek(model.charm))
            (row.vomma, row.veta) = (Self.greek(model.vomma), Self.greek(model.veta))
            (row.speed, row.zomma) = (Self.greek(model.speed), Self.greek(model.zomma))
            (row.color, row.ultima) = (Self.greek(model.color), Self.greek(model.ultima))
        }
        return row
    }

    /// Price in cents on the tick grid: `low` cents below $3, `high` cents from $3 up.
    static func onGrid(_ price: Double, ticks: (low: Int, high: Int), roundUp: Bool) -> Int {
        let cents = max(price, 0) * 100
        let tick = Double(cents < 300 ? ticks.low : ticks.high)
        let steps = roundUp ? (cents / tick).rounded(.up) : (cents / tick).rounded(.down)
        return Int(steps * tick)
    }

    static func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

    /// A higher-order greek, which near expiry can run to huge values or overflow: kept finite
    /// and within ±1,000,000, so that it prints in the room a row reserves, then rounded.
    static func greek(_ x: Double) -> Double { x.isFinite ? round4(min(max(x, -1e6), 1e6)) : 0 }

    /// The smile's excess over the day's at-the-money volatility at log-moneyness `k`: a
    /// skewed parabola near the money, continued by its tangents in the wings. A parabola all
    /// the way out makes a far put dearer than a nearer one (an arbitrage no market shows, and
    /// the quality checks' X1 rightly flags); straight wings keep prices monotone in the strike.
    static func smile(_ k: Double) -> Double {
        let edge = 0.3
        func parabola(_ x: Double) -> Double { 0.9 * x * x - 0.25 * x }
        func slope(_ x: Double) -> Double { 1.8 * x - 0.25 }
        if k < -edge { return parabola(-edge) + slope(-edge) * (k + edge) }
        if k > edge { return parabola(edge) + slope(edge) * (k - edge) }
        return parabola(k)
    }
}
