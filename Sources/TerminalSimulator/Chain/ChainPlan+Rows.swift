import MarketCalendar

/// Pricing of one contract through its sessions: Black-Scholes on a skewed smile around the
/// day's path, quotes on the root's tick grid.
extension ChainPlan {
    /// Rows of one slice, in session then interval order.
    public func rows(of slice: Slice) -> [OptionRow] {
        var out: [OptionRow] = []
        out.reserveCapacity(rowCount(of: slice))
        for day in slice.days { appendRows(of: slice.contract, on: days[day], to: &out) }
        return out
    }

    private func appendRows(of contract: Contract, on day: Day, to out: inout [OptionRow]) {
        let path = day.path
        let date = path.session.date
        let strike = contract.strikeDollars
        let call = contract.right == .call
        let expiryMinute = Double(contract.expiration.daysSince1970 * 1440 + (profile.settlesAtOpen ? 570 : 960))
        let contractKey = SeededHash.text(contract.root) ^ UInt64(contract.strike) &* 31
            ^ UInt64(contract.expiration.daysSince1970) << 40 ^ (call ? 1 : 2)
        var lastMinute = -1
        var template: OptionRow?
        for i in day.firstInterval..<(day.firstInterval + day.intervals) {
            let ms = path.openMs + i * request.intervalMs
            let minute = (ms - path.openMs) / 60_000
            if minute != lastMinute || template == nil {
                lastMinute = minute
                template = price(contract, date: date, minute: minute, ms: ms, path: path, strike: strike, call: call,
                                 expiryMinute: expiryMinute, key: contractKey)
            }
            var row = template!
            row.msOfDay = ms
            out.append(row)
        }
    }

    private func price(_ contract: Contract, date: CivilDate, minute: Int, ms: Int, path: DayPath, strike: Double,
                       call: Bool, expiryMinute: Double, key: UInt64) -> OptionRow {
        let spot = path.prices[minute]
        let nowMinute = Double(date.daysSince1970 * 1440) + Double(ms) / 60_000
        let years = max(expiryMinute - nowMinute, 0.5) / 525_600
        let k = naturalLog(strike / spot)
        let vol = min(max(path.baseVol + 0.9 * k * k - 0.25 * k + 0.02 / (1 + 30 * years), 0.04), 4)
        let model = BlackScholes(spot: spot, strike: strike, years: years, vol: vol, call: call)
        var noise = SeededHash(key, UInt64(date.daysSince1970), UInt64(minute))
        let halfSpread = max(0.025, model.price * 0.004)
        let bidCents = Self.onGrid(model.price - halfSpread, ticks: profile.tickCents, roundUp: false)
        let askCents = max(Self.onGrid(model.price + halfSpread, ticks: profile.tickCents, roundUp: true),
                           bidCents + profile.tickCents.low)
        return OptionRow(
            contract: contract, date: date, msOfDay: ms,
            bidSize: bidCents == 0 ? 0 : noise.int(in: 1...250), bidExchange: profile.exchange,
            bid: Double(bidCents) / 100, bidCondition: 50,
            askSize: noise.int(in: 1...250), askExchange: profile.exchange,
            ask: Double(askCents) / 100, askCondition: 50,
            delta: Self.round4(model.delta), theta: Self.round4(model.theta), vega: Self.round4(model.vega),
            rho: Self.round4(model.rho), epsilon: Self.round4(model.epsilon), lambda: Self.round4(model.lambda),
            impliedVol: Self.round4(vol), ivError: Self.round4(noise.uniform() * 0.002),
            underlyingMsOfDay: path.openMs + minute * 60_000 - path.quoteLagMs[minute],
            underlyingPrice: spot)
    }

    /// Price in cents on the tick grid: `low` cents below $3, `high` cents from $3 up.
    static func onGrid(_ price: Double, ticks: (low: Int, high: Int), roundUp: Bool) -> Int {
        let cents = max(price, 0) * 100
        let tick = Double(cents < 300 ? ticks.low : ticks.high)
        let steps = roundUp ? (cents / tick).rounded(.up) : (cents / tick).rounded(.down)
        return Int(steps * tick)
    }

    static func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}
