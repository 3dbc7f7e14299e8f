import MarketCalendar

/// When one contract trades through one session, drawn from the seed and the contract alone:
/// any minute, and any earlier session, can be asked without pricing the ones before it.
///
/// Contracts near the money trade every session and in about half of its minutes; far from
/// the money a contract often goes a whole session without a trade (up to 60% of sessions),
/// and trades in few minutes when it does. A session that trades has at least one trade.
/// The trades of a minute all print at one moment inside it, so bars of any length, minute
/// or shorter, hold each minute's trades whole.
struct TradeTape {
    let minutes: Int
    /// Whether the contract trades at all this session.
    let trades: Bool
    private let seed: UInt64
    private let key: UInt64
    private let day: UInt64
    /// Distance between strike and the day's opening level, in standard deviations to expiry.
    private let distance: Double
    private let minuteChance: Double
    private let certainMinute: Int

    init(seed: UInt64, contract: Contract, key: UInt64, session: Session, profile: RootProfile) {
        self.seed = seed
        self.key = key
        day = UInt64(session.date.daysSince1970)
        minutes = session.close.minutesSinceMidnight - session.open.minutesSinceMidnight
        distance = Self.distance(seed: seed, contract: contract, on: session.date, profile: profile)
        var draw = SeededHash(seed, key, day, 0x7AADE)
        trades = draw.uniform() >= min(0.6, max(0, 0.3 * (distance - 1)))
        minuteChance = 0.02 + 0.45 * exponential(-distance * distance / 2)
        certainMinute = draw.int(in: 0...max(0, minutes - 1))
    }

    /// How far `contract`'s strike is from the underlying's opening level on `date`, in
    /// standard deviations of the move left to expiry (at least a day's, at 16% a year).
    static func distance(seed: UInt64, contract: Contract, on date: CivilDate, profile: RootProfile) -> Double {
        let level = DayPath.openingLevel(seed: seed, underlying: profile.underlying, anchorPrice: profile.anchorPrice, on: date)
        let days = max(1, contract.expiration.daysSince1970 - date.daysSince1970)
        return abs(naturalLog(contract.strikeDollars / level)) / (0.16 * (Double(days) / 365).squareRoot())
    }

    /// When the trades of `minute` print, in ms after the open; nil when it has none.
    func tradeTime(minute: Int) -> Int? {
        guard trades, minute < minutes else { return nil }
        var draw = SeededHash(seed, key, day, UInt64(minute), 0x7124DE)
        guard draw.uniform() < minuteChance || minute == certainMinute else { return nil }
        return minute * 60_000 + draw.int(in: 0...59_999)
    }

    /// When the session's last trade printed, in ms after the open; nil without a trade.
    var lastTradeTime: Int? {
        guard trades else { return nil }
        for minute in stride(from: minutes - 1, through: 0, by: -1) {
            if let time = tradeTime(minute: minute) { return time }
        }
        return nil
    }

    /// The trades of a minute that has some (`tradeTime(minute:)` is not nil), inside its
    /// quote: at the bid, at the ask or between, always on the tick grid; at the ask when the
    /// bid is 0.
    func bar(minute: Int, quote: OptionRow, ticks: (low: Int, high: Int)) -> TradeBar {
        var draw = SeededHash(seed, key, day, UInt64(minute), 0x7124DF)
        let nearness = exponential(-distance * distance / 2)
        let bidCents = Int((quote.bid * 100).rounded()), askCents = Int((quote.ask * 100).rounded())
        let midCents = max(bidCents, ContractPricer.onGrid(Double(bidCents + askCents) / 200, ticks: ticks, roundUp: false))
        var bar = TradeBar()
        for _ in 0..<draw.int(in: 1...(1 + Int(5 * nearness))) {
            let side = draw.int(in: 0...2)
            let price = bidCents == 0 || side == 2 ? askCents : side == 0 ? bidCents : midCents
            bar.add(priceCents: price, size: draw.int(in: 1...(5 + Int(45 * nearness))))
        }
        return bar
    }
}
