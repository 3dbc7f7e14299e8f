import MarketCalendar
import Testing
import TerminalSimulator

/// Trade bars, open interest and the end-of-day report behave as the Terminal's do.
@Suite("OHLC, open interest and end of day")
struct TradeDatasetTests {
    /// Wide enough a chain for contracts far from the money.
    let market = SimulatedMarket(seed: 7, scale: 0.3)
    let nextFriday = CivilDate(year: 2024, month: 3, day: 22)!

    func rows(_ dataset: Dataset, interval: Int = 60_000, from start: CivilDate = friday, to end: CivilDate? = nil,
              window: ClosedRange<Int>? = nil) -> [OptionRow] {
        market.rows(for: ChainRequest(root: "SPXW", dataset: dataset, expiration: nextFriday, startDate: start, endDate: end,
                                      intervalMs: interval, timeWindow: window))
    }

    func onGrid(_ price: Double) -> Bool {
        let cents = Int((price * 100).rounded())
        return abs(Double(cents) / 100 - price) < 1e-9 && cents % (price < 3 ? 5 : 10) == 0
    }

    @Test("bars without a trade are zeros carrying the session's last vwap; traded bars are on the grid")
    func ohlcBars() {
        let bars = rows(.ohlc)
        var traded = 0, quiet = 0, carriedNonZero = 0
        for (contract, run) in Dictionary(grouping: bars, by: \.contract) {
            var last = 0.0
            for bar in run.sorted(by: { $0.msOfDay < $1.msOfDay }) {
                if bar.count == 0 {
                    quiet += 1
                    #expect([bar.open, bar.high, bar.low, bar.close] == [0, 0, 0, 0] && bar.volume == 0)
                    #expect(bar.vwap == last, "\(contract) \(bar.msOfDay)")
                    if last > 0 { carriedNonZero += 1 }
                } else {
                    traded += 1
                    #expect(bar.volume >= bar.count && bar.low > 0)
                    #expect(bar.low <= min(bar.open, bar.close) && max(bar.open, bar.close) <= bar.high)
                    #expect([bar.open, bar.high, bar.low, bar.close].allSatisfy(onGrid))
                    #expect(bar.low <= bar.vwap && bar.vwap <= bar.high)
                    #expect((bar.vwap * 10_000).rounded() / 10_000 == bar.vwap)
                    last = bar.vwap
                }
            }
        }
        #expect(traded > 100 && quiet > 100 && carriedNonZero > 50)
    }

    @Test("bars of any length add up the same trades", arguments: [30_000, 300_000, 3_600_000])
    func barsAddUp(interval: Int) {
        let minutes = rows(.ohlc), other = rows(.ohlc, interval: interval)
        for (contract, run) in Dictionary(grouping: other, by: \.contract) {
            let fine = minutes.filter { $0.contract == contract }
            #expect(run.reduce(0) { $0 + $1.volume } == fine.reduce(0) { $0 + $1.volume })
            #expect(run.reduce(0) { $0 + $1.count } == fine.reduce(0) { $0 + $1.count })
            guard interval > 60_000 else { continue }
            for bar in run where bar.count > 0 {
                let inside = fine.filter { $0.count > 0 && $0.msOfDay >= bar.msOfDay && $0.msOfDay < bar.msOfDay + interval }
                #expect(bar.high == inside.map(\.high).max() && bar.low == inside.map(\.low).min())
                #expect(bar.open == inside.first?.open && bar.close == inside.last?.close)
            }
        }
    }

    @Test("a window's bars are the session's bars inside it, carried vwap included")
    func windowedBars() {
        let window = 43_200_000...46_799_999  // 12:00 to 12:59:59.999
        let whole = rows(.ohlc)
        #expect(rows(.ohlc, window: window) == whole.filter { window.contains($0.msOfDay) })
    }

    @Test("open interest: one row per contract about 06:30, larger near the money")
    func openInterest() async throws {
        let oi = rows(.openInterest, from: thursday, to: friday)
        #expect(oi.allSatisfy { (23_401_000...23_419_999).contains($0.msOfDay) && $0.openInterest > 0 })
        #expect(Set(oi.map(\.msOfDay)).count > oi.count / 2, "times vary by contract")
        let spot = try #require(rows(.greeks, window: 34_200_000...34_200_000).first).underlyingPrice
        let today = oi.filter { $0.date == friday }.sorted { abs($0.contract.strikeDollars - spot) < abs($1.contract.strikeDollars - spot) }
        let fifth = today.count / 5
        let near = today.prefix(fifth).map(\.openInterest).reduce(0, +), far = today.suffix(fifth).map(\.openInterest).reduce(0, +)
        #expect(near > 5 * far, "near \(near) far \(far)")
        // Each session's figure is its own: Thursday's report is not Friday's.
        let byContract = Dictionary(grouping: oi, by: \.contract).values.filter { $0.count == 2 }
        #expect(byContract.contains { $0[0].openInterest != $0[1].openInterest })
        let text = try await withSimulator(.v3, scale: 0.3) { try await fetch($0, BodyLayout.v3CSV.path(.openInterest, expiration: nextFriday)).text }
        #expect(parseCSV(text).rows.allSatisfy { $0[4].hasPrefix("2024-03-15T06:30:") })
    }

    @Test("end of day: traded contracts add up the day's bars and close on the last quote")
    func endOfDayTraded() throws {
        let eod = rows(.eod)
        let bars = rows(.ohlc)
        let quotes = rows(.greeks, window: 57_540_000...57_540_000)  // 15:59, the closing quote
        let traded = eod.filter { $0.volume > 0 }
        #expect(traded.count > 10)
        for row in eod {
            #expect((62_100_000...62_700_000).contains(row.msOfDay), "created 17:15-17:25")
            let close = try #require(quotes.first { $0.contract == row.contract })
            #expect(row.bid == close.bid && row.ask == close.ask && row.bidSize == close.bidSize && row.askSize == close.askSize)
        }
        #expect(Set(eod.map(\.msOfDay)).count == 1, "one report time for the root that day")
        for row in traded {
            let day = bars.filter { $0.contract == row.contract && $0.count > 0 }
            #expect(row.volume == day.reduce(0) { $0 + $1.volume } && row.count == day.reduce(0) { $0 + $1.count })
            #expect(row.open == day.first?.open && row.close == day.last?.close)
            #expect(row.high == day.map(\.high).max() && row.low == day.map(\.low).min())
            #expect(row.lastTradeDate == friday)
            #expect(row.lastTradeMsOfDay >= day.last!.msOfDay && row.lastTradeMsOfDay < 57_600_000)
        }
    }

    @Test("end of day: a sizeable share of far contracts did not trade, their last trade days old")
    func endOfDayUntraded() async throws {
        let eod = rows(.eod, from: thursday, to: friday)
        let untraded = eod.filter { $0.volume == 0 }
        #expect(untraded.count * 10 > eod.count, "\(untraded.count) of \(eod.count)")
        for row in untraded {
            #expect([row.open, row.high, row.low, row.close] == [0, 0, 0, 0] && row.count == 0)
            #expect(row.lastTradeDate < row.date)
            #expect(NYSECalendar.nyse.isSession(row.lastTradeDate))
            #expect((34_200_000..<57_600_000).contains(row.lastTradeMsOfDay))
            // That session's own report shows the trade.
            let then = market.rows(for: ChainRequest(root: "SPXW", dataset: .eod, expiration: nextFriday,
                                                     startDate: row.lastTradeDate, strike: row.contract.strike,
                                                     right: row.contract.right))
            if let report = then.first { #expect(report.volume > 0 && report.lastTradeMsOfDay == row.lastTradeMsOfDay) }
        }
        // Printed: v3 last_trade on the earlier date, v2 ms_of_day2 its time of day under the row's date.
        let v3Body = try await withSimulator(.v3, scale: 0.3) { sim in
            try await fetch(sim, BodyLayout.v3CSV.path(.eod, expiration: nextFriday)).text
        }
        let printed = records(parseCSV(v3Body)).filter { ($0["volume"] as? String) == "0" }
        #expect(!printed.isEmpty)
        #expect(printed.allSatisfy { !($0["last_trade"] as! String).hasPrefix("2024-03-15") })
        let v2Body = try await withSimulator(.v2, scale: 0.3) { sim in
            try await fetch(sim, BodyLayout.v2CSV.path(.eod, expiration: nextFriday)).text
        }
        let v2Rows = rows(.eod).filter { $0.volume == 0 }
        let v2Records = records(parseCSV(v2Body)).filter { ($0["volume"] as? String) == "0" }
        #expect(v2Records.count == v2Rows.count)
        #expect(zip(v2Records, v2Rows).allSatisfy { record, row in
            record["ms_of_day2"] as? String == String(row.lastTradeMsOfDay) && record["date"] as? String == "20240315"
        })
    }
}
