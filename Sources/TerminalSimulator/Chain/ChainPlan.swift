import MarketCalendar

/// The contracts and sessions one request covers, with its row count, known before a single
/// row is generated: the HTTP layer sizes pages, applies the 570 limit and streams from it.
public struct ChainPlan: Sendable {
    /// One contract and the sessions (indexes into `days`) on which it has rows.
    public struct Slice: Sendable {
        public var contract: Contract
        var days: [Int]
    }

    struct Day: Sendable {
        var path: DayPath
        /// The first interval of the session inside the request's time window.
        var firstInterval = 0
        /// Intervals served, from `firstInterval` on; 1 for the datasets without intervals,
        /// whose one row per session stands for its one "interval".
        var intervals: Int
        /// The session before, whose close open interest and stale first bars refer to.
        var previous: PreviousClose?
        /// End of day only: the sessions before, newest first, searched for the last trade of
        /// a contract that did not trade on this one.
        var earlierSessions: [Session] = []
    }

    /// How the session before a day ended.
    struct PreviousClose: Sendable {
        var date: CivilDate
        /// The underlying's last print: the close plus a few seconds, ms since midnight.
        var lastPrintMs: Int
        var lastPrice: Double
    }

    public let request: ChainRequest
    let profile: RootProfile
    /// The market's seed, for the draws made per row (quiet intervals, trades, open interest).
    let seed: UInt64
    let behaviours: SimulatedMarket.Behaviours
    let days: [Day]
    public let slices: [Slice]

    /// Rows in one slice.
    public func rowCount(of slice: Slice) -> Int { slice.days.reduce(0) { $0 + days[$1].intervals } }

    /// Rows in the whole response.
    public var rowCount: Int { slices.reduce(0) { $0 + rowCount(of: $1) } }
}

extension SimulatedMarket {
    /// What `request` covers; nil when it covers no session (a weekend, a holiday) or no
    /// contract — the Terminal's 472.
    public func plan(for request: ChainRequest) -> ChainPlan? {
        let dataset = request.dataset
        guard let profile = profile(request.root), !dataset.hasIntervals || request.intervalMs > 0,
              request.startDate <= request.endDate
        else { return nil }
        var days: [ChainPlan.Day] = []
        var sessionsByContract: [Contract: [Int]] = [:]
        var date = request.startDate
        while date <= request.endDate {
            defer { date = date.advanced(by: 1) }
            guard let session = session(on: date) else { continue }
            let path = dayPath(profile, session)
            let served = dataset.hasIntervals
                ? Self.intervals(of: path, every: request.intervalMs, within: request.timeWindow) : 0..<1
            // A window that misses the session leaves nothing to serve that day.
            guard !served.isEmpty else { continue }
            let index = days.count
            days.append(.init(path: path, firstInterval: served.lowerBound, intervals: served.count,
                              previous: previousClose(profile, before: date),
                              earlierSessions: dataset == .eod ? sessions(before: date, count: ChainPlan.lastTradeLookback) : []))
            for listing in listed(profile, aliveOn: date) {
                if let wanted = request.expiration, wanted != listing.expiration { continue }
                let strikes = StrikeLadder.strikes(around: path.prices[0], count: strikeCount(atScaleOne: listing.strikes),
                                                   spacing: profile.spacing)
                for strike in strikes where request.strike == nil || request.strike == strike {
                    for right in OptionRight.allCases where request.right == nil || request.right == right {
                        let contract = Contract(root: request.root, expiration: listing.expiration, strike: strike, right: right)
                        sessionsByContract[contract, default: []].append(index)
                    }
                }
            }
        }
        guard !sessionsByContract.isEmpty else { return nil }
        let slices = sessionsByContract.keys.sorted().map { ChainPlan.Slice(contract: $0, days: sessionsByContract[$0]!) }
        return ChainPlan(request: request, profile: profile, seed: seed, behaviours: behaviours, days: days,
                         slices: slices)
    }

    /// Up to `count` sessions before `date`, newest first.
    private func sessions(before date: CivilDate, count: Int) -> [Session] {
        var found: [Session] = []
        var day = date.advanced(by: -1)
        // Five sessions a week less holidays: the bound only stops a search outside the calendar.
        let oldest = date.advanced(by: -(count * 7 / 5 + 14))
        while found.count < count && day >= oldest {
            if let session = session(on: day) { found.append(session) }
            day = day.advanced(by: -1)
        }
        return found
    }

    /// How the session before `date` ended for `profile`'s underlying.
    private func previousClose(_ profile: RootProfile, before date: CivilDate) -> ChainPlan.PreviousClose? {
        guard let earlier = calendar.previousSession(before: date), let session = session(on: earlier) else { return nil }
        let path = dayPath(profile, session)
        var lag = SeededHash(seed, SeededHash.text(profile.underlying), UInt64(date.daysSince1970), 0xC105E)
        return .init(date: earlier, lastPrintMs: path.closeMs + lag.int(in: 1_000...9_999), lastPrice: path.prices.last ?? 0)
    }

    /// The intervals of a session (index `i` starts at `openMs + i × intervalMs`) whose start
    /// falls inside `window`; all of them without a window.
    static func intervals(of path: DayPath, every intervalMs: Int, within window: ClosedRange<Int>?) -> Range<Int> {
        let all = 0..<((path.closeMs - path.openMs + intervalMs - 1) / intervalMs)
        guard let window else { return all }
        // First start at or after the window's start, last start at or before its end.
        let first = max(0, (window.lowerBound - path.openMs + intervalMs - 1).dividedRoundingDown(by: intervalMs))
        let last = min(all.upperBound - 1, (window.upperBound - path.openMs).dividedRoundingDown(by: intervalMs))
        return first <= last ? first..<(last + 1) : 0..<0
    }

    /// Every row the Terminal serves for `request`, in order: contracts in chain order, then
    /// sessions, then intervals (one row per session for open interest and end of day), with
    /// `behaviours` applied. Empty when the request covers nothing. The HTTP layer encodes
    /// exactly these rows, so tests compare decoded responses with this.
    public func rows(for request: ChainRequest) -> [OptionRow] {
        guard let plan = plan(for: request) else { return [] }
        return plan.slices.flatMap { plan.rows(of: $0) }
    }
}

extension Int {
    /// Division rounding toward minus infinity, so times before the open count as negative intervals.
    fileprivate func dividedRoundingDown(by divisor: Int) -> Int {
        let (q, r) = quotientAndRemainder(dividingBy: divisor)
        return r < 0 ? q - 1 : q
    }
}
