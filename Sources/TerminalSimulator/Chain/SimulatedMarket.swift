public import MarketCalendar

/// The simulated exchange: which roots, expirations and strikes exist on a day, and every
/// quote, greek, trade bar, open interest and end-of-day report, all a pure function of
/// (seed, root, date) and the chosen `behaviours`.
///
/// `scale` shrinks the chain for tests: it multiplies the strikes per expiration and the
/// expirations alive per day (nearest first). At 1.0 SPX and SPXW carry over 10 million
/// one-minute greeks rows per regular session.
public struct SimulatedMarket: Sendable {
    public let seed: UInt64
    public let scale: Double
    /// Live-Terminal quirks the rows carry; none by default.
    public let behaviours: Behaviours
    let calendar = NYSECalendar.nyse

    /// Roots the simulator lists, in the Terminal's alphabetical order.
    public static let roots = ["IWM", "QQQ", "SPX", "SPXW", "SPY"]
    /// First expiration date the history listings reach back to.
    static let historyStart = CivilDate(year: 2016, month: 1, day: 4)!

    public init(seed: UInt64 = 1, scale: Double = 1.0, behaviours: Behaviours = Behaviours()) {
        self.seed = seed
        self.scale = scale
        self.behaviours = behaviours
    }

    func profile(_ root: String) -> RootProfile? { RootProfile.all[root] }

    public func isKnownRoot(_ root: String) -> Bool { profile(root) != nil }

    /// The session on `date`, or nil on weekends and holidays (the Terminal's 472).
    public func session(on date: CivilDate) -> Session? { calendar.session(on: date) }

    // MARK: Expirations

    /// Expirations of `root` alive on `date` (expiration ≥ date, already listed), nearest first,
    /// with their strike counts at scale 1; trimmed to `scale`.
    func listed(_ profile: RootProfile, aliveOn date: CivilDate) -> [(expiration: CivilDate, strikes: Int)] {
        let horizon = profile.rules.map(\.horizonDays).max() ?? 0
        var found: [CivilDate: Int] = [:]
        for offset in 0...horizon {
            let day = date.advanced(by: offset)
            for rule in profile.rules where offset <= rule.horizonDays && rule.matches(day) {
                guard let expiration = shifted(day, rule), expiration >= date else { continue }
                found[expiration] = max(found[expiration] ?? 0, rule.strikes)
            }
        }
        let all = found.sorted { $0.key < $1.key }.map { (expiration: $0.key, strikes: $0.value) }
        guard scale < 1 else { return all }
        return Array(all.prefix(max(1, Int((Double(all.count) * scale).rounded(.up)))))
    }

    /// Expirations of `root` alive on `date`, ascending.
    public func expirations(root: String, aliveOn date: CivilDate) -> [CivilDate] {
        guard let profile = profile(root), session(on: date) != nil else { return [] }
        return listed(profile, aliveOn: date).map(\.expiration)
    }

    /// Every expiration of `root` ever listed up to `today`, as the list endpoints return them
    /// (not trimmed by `scale`: a listing, not a chain).
    public func expirations(root: String, listedThrough today: CivilDate) -> [CivilDate] {
        guard let profile = profile(root) else { return [] }
        let horizon = profile.rules.map(\.horizonDays).max() ?? 0
        var found = Set<CivilDate>()
        var day = Self.historyStart
        let last = today.advanced(by: horizon)
        while day <= last {
            for rule in profile.rules where day.daysSince1970 - rule.horizonDays <= today.daysSince1970 && rule.matches(day) {
                if let expiration = shifted(day, rule) { found.insert(expiration) }
            }
            day = day.advanced(by: 1)
        }
        return found.sorted()
    }

    /// An expiration that falls on a holiday moves to the previous session; dailies skip it.
    private func shifted(_ day: CivilDate, _ rule: ExpirationRule) -> CivilDate? {
        if calendar.isSession(day) { return day }
        if rule.skipsHolidays { return nil }
        var earlier = day.advanced(by: -1)
        while !calendar.isSession(earlier) { earlier = earlier.advanced(by: -1) }
        return earlier
    }

    // MARK: Strikes and contracts

    func strikeCount(atScaleOne count: Int) -> Int { max(2, Int((Double(count) * scale).rounded())) }

    /// Strikes (tenths of a cent) of one expiration of `root` on `date`; empty when the
    /// expiration is not alive that day.
    public func strikes(root: String, expiration: CivilDate, on date: CivilDate) -> [Int] {
        guard let profile = profile(root), let session = session(on: date),
              let listing = listed(profile, aliveOn: date).first(where: { $0.expiration == expiration })
        else { return [] }
        let path = dayPath(profile, session)
        return StrikeLadder.strikes(around: path.prices[0], count: strikeCount(atScaleOne: listing.strikes),
                                    spacing: profile.spacing)
    }

    /// Every contract of `root` alive on `date`, in the Terminal's order.
    public func contracts(root: String, on date: CivilDate) -> [Contract] {
        expirations(root: root, aliveOn: date).flatMap { expiration in
            strikes(root: root, expiration: expiration, on: date).flatMap { strike in
                OptionRight.allCases.map { Contract(root: root, expiration: expiration, strike: strike, right: $0) }
            }
        }
    }

    func dayPath(_ profile: RootProfile, _ session: Session) -> DayPath {
        DayPath(seed: seed, underlying: profile.underlying, anchorPrice: profile.anchorPrice, session: session)
    }

    /// One-minute greeks rows of SPX and SPXW on `date`, counted from the chain's shape alone.
    public func greeksRowEstimate(roots: [String] = ["SPX", "SPXW"], on date: CivilDate) -> Int {
        guard let session = session(on: date) else { return 0 }
        let minutes = session.close.minutesSinceMidnight - session.open.minutesSinceMidnight
        return roots.reduce(0) { total, root in
            guard let profile = profile(root) else { return total }
            let strikes = listed(profile, aliveOn: date).reduce(0) { $0 + strikeCount(atScaleOne: $1.strikes) }
            return total + strikes * 2 * minutes
        }
    }
}
