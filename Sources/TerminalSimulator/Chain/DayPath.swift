import MarketCalendar

/// The underlying's path through one session: a seeded random walk, one point per minute,
/// from a daily level that drifts slowly over the years. Each row reads the minute it falls in,
/// so intervals shorter than a minute repeat the last value, as quiet intervals do.
struct DayPath: Sendable {
    let session: Session
    /// Underlying midpoint at the start of each minute, rounded to cents.
    let prices: [Double]
    /// How many milliseconds before each minute the underlying quote was taken.
    let quoteLagMs: [Int]
    /// The at-the-money volatility of the day.
    let baseVol: Double

    var openMs: Int { session.open.minutesSinceMidnight * 60_000 }
    var closeMs: Int { session.close.minutesSinceMidnight * 60_000 }
    var minutes: Int { prices.count }

    init(seed: UInt64, underlying: String, anchorPrice: Double, session: Session) {
        self.session = session
        let day = UInt64(bitPattern: Int64(session.date.daysSince1970))
        let symbol = SeededHash.text(underlying)
        var daily = SeededHash(seed, symbol, day, 1)
        let open = Self.openingLevel(seed: seed, underlying: underlying, anchorPrice: anchorPrice,
                                     on: session.date, daily: &daily)
        baseVol = 0.11 + 0.08 * daily.uniform()
        let count = (session.close.minutesSinceMidnight - session.open.minutesSinceMidnight)
        var walk = SeededHash(seed, symbol, day, 2)
        var level = open
        var prices: [Double] = []
        var lags: [Int] = []
        prices.reserveCapacity(count)
        for _ in 0..<count {
            prices.append((level * 100).rounded() / 100)
            lags.append(walk.int(in: 1...900))
            level *= 1 + 0.0006 * walk.gaussian()
        }
        self.prices = prices
        self.quoteLagMs = lags
    }

    /// The underlying's opening level on `date` (before rounding to cents), without walking
    /// the day: what trade activity and open interest measure moneyness against, for any
    /// session, cheaply.
    static func openingLevel(seed: UInt64, underlying: String, anchorPrice: Double, on date: CivilDate) -> Double {
        let day = UInt64(bitPattern: Int64(date.daysSince1970))
        var daily = SeededHash(seed, SeededHash.text(underlying), day, 1)
        return openingLevel(seed: seed, underlying: underlying, anchorPrice: anchorPrice, on: date, daily: &daily)
    }

    /// The level from the day's own draws, which `init` goes on drawing from.
    private static func openingLevel(seed: UInt64, underlying: String, anchorPrice: Double, on date: CivilDate,
                                     daily: inout SeededHash) -> Double {
        var phaseHash = SeededHash(seed, SeededHash.text(underlying))
        let phase = Double(phaseHash.next() % 1000) / 1000 * 2 * Double.pi
        let cycle = sine(2 * Double.pi * Double(date.daysSince1970) / 500 + phase)
        return anchorPrice * (1 + 0.04 * cycle + 0.01 * daily.gaussian())
    }
}
