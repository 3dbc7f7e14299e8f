import Foundation
import MarketCalendar
import Testing
import TerminalSimulator

@Suite("Simulated chains")
struct ChainTests {
    let market = SimulatedMarket(seed: 7, scale: 0.1)

    @Test("rows are a pure function of the seed")
    func determinism() {
        let request = ChainRequest(root: "SPXW", expiration: friday, startDate: friday)
        #expect(market.rows(for: request) == SimulatedMarket(seed: 7, scale: 0.1).rows(for: request))
        #expect(market.rows(for: request) != SimulatedMarket(seed: 8, scale: 0.1).rows(for: request))
    }

    @Test("expirations are sessions, alive on the date, and SPX monthlies are third Fridays")
    func expirations() throws {
        let full = SimulatedMarket(seed: 7, scale: 1)
        let spxw = full.expirations(root: "SPXW", aliveOn: friday)
        #expect(spxw.first == friday)
        #expect((40...80).contains(spxw.count), "SPXW expirations: \(spxw.count)")
        #expect(spxw.allSatisfy { $0 >= friday && NYSECalendar.nyse.isSession($0) })
        #expect(!spxw.contains(goodFriday))
        #expect(spxw.contains(CivilDate(year: 2024, month: 3, day: 28)!), "Good Friday's expirations move to Thursday")
        let spx = full.expirations(root: "SPX", aliveOn: friday)
        #expect((12...25).contains(spx.count), "SPX expirations: \(spx.count)")
        #expect(spx.allSatisfy { $0.weekday == .friday || $0.weekday == .thursday })
        #expect(spx.last! > friday.adding(years: 1))
        #expect(full.expirations(root: "SPXW", aliveOn: goodFriday).isEmpty)
    }

    @Test("a full-size day at one minute is over 10 million SPX and SPXW greeks rows")
    func fullSize() {
        let estimate = SimulatedMarket(seed: 1, scale: 1).greeksRowEstimate(on: friday)
        #expect(estimate >= 10_000_000, "estimate \(estimate)")
    }

    @Test("strikes are 5 points apart near the money")
    func strikeSpacing() throws {
        let full = SimulatedMarket(seed: 7, scale: 1)
        let strikes = full.strikes(root: "SPXW", expiration: friday, on: friday)
        let rows = full.rows(for: ChainRequest(root: "SPXW", expiration: friday, startDate: friday, strike: strikes[0], right: .call))
        let spot = try #require(rows.first).underlyingPrice
        let near = strikes.filter { abs(Double($0) / 1000 - spot) < 100 }
        #expect(near.count > 30)
        #expect(zip(near, near.dropFirst()).allSatisfy { $1 - $0 == 5000 })
        #expect(strikes.count >= 200)
    }

    @Test("quotes sit on the tick grid with bid ≤ ask, and greeks behave")
    func realism() throws {
        let rows = market.rows(for: ChainRequest(root: "SPXW", expiration: friday.advanced(by: 7), startDate: friday))
        #expect(rows.count > 0)
        for row in rows {
            for price in [row.bid, row.ask] {
                let cents = Int((price * 100).rounded())
                #expect(cents % (price < 3 ? 5 : 10) == 0, "\(price) off the grid")
            }
            #expect(row.bid <= row.ask)
            #expect((-1...1).contains(row.delta))
            #expect(row.contract.right == .call ? row.delta >= 0 : row.delta <= 0)
        }
        let atOpen = rows.filter { $0.msOfDay == 34_200_000 }
        let calls = atOpen.filter { $0.contract.right == .call }
        #expect(zip(calls, calls.dropFirst()).allSatisfy { $0.delta >= $1.delta }, "call delta falls with strike")
        let puts = Dictionary(uniqueKeysWithValues: atOpen.filter { $0.contract.right == .put }.map { ($0.contract.strike, $0) })
        for call in calls {
            let put = try #require(puts[call.contract.strike])
            // C - P = S e^(-qt) - K e^(-rt), at the simulator's 5.3% rate and 1.3% yield.
            let years = (7 + 6.5 / 24) / 365
            let parity = call.underlyingPrice * exp(-0.013 * years) - call.contract.strikeDollars * exp(-0.053 * years)
            let mids = (call.bid + call.ask) / 2 - (put.bid + put.ask) / 2
            #expect(abs(mids - parity) < 2 + (call.ask - call.bid) + (put.ask - put.bid), "put-call parity at \(call.contract.strike)")
            #expect(abs(call.delta - put.delta - 1) < 0.02)
        }
    }

    @Test("no session, no rows")
    func holiday() {
        #expect(market.plan(for: ChainRequest(root: "SPXW", expiration: nil, startDate: goodFriday)) == nil)
        #expect(market.rows(for: ChainRequest(root: "SPXW", expiration: friday, startDate: CivilDate(year: 2024, month: 3, day: 16)!)).isEmpty)
    }
}
