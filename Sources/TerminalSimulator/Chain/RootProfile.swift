import MarketCalendar

/// What makes one option root look like itself: its underlying, price level, strike spacing,
/// tick size and the expirations the exchange lists for it.
struct RootProfile: Sendable {
    var root: String
    /// The underlying whose path the root's options follow (SPX for both SPX and SPXW).
    var underlying: String
    /// The underlying's level around which days wander.
    var anchorPrice: Double
    /// Strike steps in dollars: near the money, further out, far out.
    var spacing: (near: Double, middle: Double, far: Double)
    /// Minimum price increment below $3, and from $3 up.
    var tickCents: (low: Int, high: Int)
    /// AM-settled roots stop at the open of the expiration day, PM-settled ones at the close.
    var settlesAtOpen: Bool
    var rules: [ExpirationRule]
    var exchange: Int

    static let all: [String: RootProfile] = {
        let spxDaily = CivilDate(year: 2022, month: 5, day: 11)!
        let etfDaily = CivilDate(year: 2022, month: 11, day: 14)!
        let index = (near: 5.0, middle: 25.0, far: 100.0)
        func etf(_ root: String, _ price: Double) -> RootProfile {
            RootProfile(
                root: root, underlying: root, anchorPrice: price, spacing: (1, 5, 10), tickCents: (1, 1),
                settlesAtOpen: false,
                rules: [
                    ExpirationRule(kind: .daily(since: etfDaily), horizonDays: 35, strikes: 120),
                    ExpirationRule(kind: .weeklyFriday, horizonDays: 100, strikes: 100),
                    ExpirationRule(kind: .thirdFriday, horizonDays: 380, strikes: 100),
                    ExpirationRule(kind: .quarterEnd, horizonDays: 380, strikes: 100),
                    ExpirationRule(kind: .thirdFridayOf(months: [1]), horizonDays: 900, strikes: 80),
                ],
                exchange: 1)
        }
        return [
            "SPXW": RootProfile(
                root: "SPXW", underlying: "SPX", anchorPrice: 5100, spacing: index, tickCents: (5, 10),
                settlesAtOpen: false,
                rules: [
                    ExpirationRule(kind: .daily(since: spxDaily), horizonDays: 35, strikes: 260),
                    ExpirationRule(kind: .weeklyFriday, horizonDays: 100, strikes: 240),
                    ExpirationRule(kind: .thirdFriday, horizonDays: 380, strikes: 200),
                    ExpirationRule(kind: .monthEnd, horizonDays: 380, strikes: 200),
                    ExpirationRule(kind: .quarterEnd, horizonDays: 400, strikes: 200),
                ],
                exchange: 5),
            "SPX": RootProfile(
                root: "SPX", underlying: "SPX", anchorPrice: 5100, spacing: index, tickCents: (5, 10),
                settlesAtOpen: true,
                rules: [
                    ExpirationRule(kind: .thirdFriday, horizonDays: 380, strikes: 240),
                    ExpirationRule(kind: .thirdFridayOf(months: [6, 12]), horizonDays: 800, strikes: 200),
                ],
                exchange: 5),
            "SPY": etf("SPY", 510),
            "QQQ": etf("QQQ", 440),
            "IWM": etf("IWM", 205),
        ]
    }()
}
