import MarketCalendar

/// Trade bars (OHLC), open interest and the end-of-day report: the rows built from trades
/// (`TradeTape`) and from moneyness rather than from each interval's quote.
extension ChainPlan {
    /// One bar per interval. A bar without a trade is all zeros but for `vwap`, which carries
    /// the last traded bar's of the session (0 before any), as the Terminal sends it. Bars
    /// before the time window are still added up for that carry, so a window's rows are the
    /// whole session's rows inside it.
    func appendBars(of pricer: ContractPricer, on day: Day, to out: inout [OptionRow]) {
        let path = day.path
        let tape = tradeTape(of: pricer.contract, key: pricer.key, in: path.session)
        let length = path.closeMs - path.openMs
        var carried = 0.0
        for i in 0..<(day.firstInterval + day.intervals) {
            let start = i * request.intervalMs, end = min(start + request.intervalMs, length)
            var bar = TradeBar()
            if tape.trades {
                for minute in (start / 60_000)...((end - 1) / 60_000) {
                    guard let time = tape.tradeTime(minute: minute), start <= time, time < end else { continue }
                    let quote = pricer.row(minute: minute, ms: path.openMs + minute * 60_000)
                    bar.add(tape.bar(minute: minute, quote: quote, ticks: profile.tickCents))
                }
            }
            if !bar.isEmpty { carried = bar.vwap }
            guard i >= day.firstInterval else { continue }
            var row = OptionRow(contract: pricer.contract, date: pricer.date, msOfDay: path.openMs + start)
            bar.write(into: &row)
            row.vwap = carried
            out.append(row)
        }
    }

    /// The open interest OPRA reports about 06:30 New York: the previous session's closing
    /// figure, stamped with this session's date.
    func openInterestRow(of pricer: ContractPricer, on day: Day) -> OptionRow {
        let date = pricer.date
        var stamp = SeededHash(seed, pricer.key, UInt64(date.daysSince1970), 0x0106)
        var row = OptionRow(contract: pricer.contract, date: date, msOfDay: Self.openInterestReportMs + stamp.int(in: 1_000...19_999))
        row.openInterest = openInterest(of: pricer.contract, key: pricer.key, atCloseOf: day.previous?.date ?? date)
        return row
    }

    /// 06:30:00 New York.
    static let openInterestReportMs = 23_400_000

    /// Contracts open at the close of `date`: thousands near the money, tens far out.
    func openInterest(of contract: Contract, key: UInt64, atCloseOf date: CivilDate) -> Int {
        let distance = TradeTape.distance(seed: seed, contract: contract, on: date, profile: profile)
        var draw = SeededHash(seed, key, UInt64(date.daysSince1970), 0x0107)
        let typical = 20 + 9_000 * exponential(-distance * distance / 2)
        return Int((typical * (0.5 + draw.uniform())).rounded())
    }

    /// The end-of-day report, built between 17:15 and 17:25 New York (one time for the whole
    /// root that day): the session's trades added up, and the closing quote. A contract that
    /// did not trade has zero prices and counts and the last trade of an earlier session.
    func endOfDayRow(of pricer: ContractPricer, on day: Day) -> OptionRow {
        let path = day.path, date = pricer.date
        var built = SeededHash(seed, SeededHash.text(pricer.contract.root), UInt64(date.daysSince1970), 0xE0D)
        var row = OptionRow(contract: pricer.contract, date: date, msOfDay: Self.endOfDayReportMs + built.int(in: 0...600_000))
        let lastMinute = path.minutes - 1
        row.takeQuote(of: pricer.row(minute: lastMinute, ms: path.openMs + lastMinute * 60_000))
        let tape = tradeTape(of: pricer.contract, key: pricer.key, in: path.session)
        guard tape.trades else {
            (row.lastTradeDate, row.lastTradeMsOfDay) = lastTrade(of: pricer, before: day)
            return row
        }
        var session = TradeBar()
        for minute in 0..<path.minutes {
            guard let time = tape.tradeTime(minute: minute) else { continue }
            let quote = pricer.row(minute: minute, ms: path.openMs + minute * 60_000)
            session.add(tape.bar(minute: minute, quote: quote, ticks: profile.tickCents))
            row.lastTradeMsOfDay = path.openMs + time
        }
        session.write(into: &row)
        return row
    }

    func tradeTape(of contract: Contract, key: UInt64, in session: Session) -> TradeTape {
        TradeTape(seed: seed, contract: contract, key: key, session: session, profile: profile)
    }

    /// 17:15:00 New York, when the Terminal's end-of-day report starts being built.
    static let endOfDayReportMs = 62_100_000
    /// Sessions searched back for an untraded contract's last trade.
    static let lastTradeLookback = 30

    /// The last trade before `day` of a contract that did not trade on it: date and ms of day.
    /// Past the lookback, the oldest session searched at midnight, as the Terminal stamps a
    /// contract without a known trade.
    private func lastTrade(of pricer: ContractPricer, before day: Day) -> (CivilDate, Int) {
        for session in day.earlierSessions {
            let tape = tradeTape(of: pricer.contract, key: pricer.key, in: session)
            if let time = tape.lastTradeTime { return (session.date, session.open.minutesSinceMidnight * 60_000 + time) }
        }
        return (day.earlierSessions.last?.date ?? pricer.date.advanced(by: -1), 0)
    }
}
