import Foundation
import MarketCalendar
@testable import Quality
import Testing

/// Quotes moved against their neighbours at one instant, early in the day (before T3 has a
/// window) and away from the money (where X4 does not look) unless X4 is the point.
@Suite("Chain defects: monotonicity, vertical spreads, convexity, parity")
struct ChainDefectTests {
    static let monthOut = SimulatedDay.chains(on: SimulatedDay.date)[4].expiration
    static let nextDay = SimulatedDay.chains(on: SimulatedDay.date)[3].expiration
    static let instants = ["09:35", "09:40", "09:45"]

    @Test("X1: the highest two-sided call bid above the next lower strike's ask; the lowest put bid above the next one's")
    func notMonotone() throws {
        var table = SimulatedDay.greeks
        for time in Self.instants {
            let calls = table.chain("SPXW", Self.monthOut, right: "C", at: time)
            // The last strike: no triple has it in the middle, no pair above it.
            let (lower, top) = (calls[calls.count - 2], calls[calls.count - 1])
            try #require(table.strikeDollars(top) / table.double(top, "underlying_price") > 1.05)
            table.moveQuote(top, bid: ArchiveTable.spxGridUp(table.double(lower, "ask") + 0.3))
        }
        // Puts fall with the strike: the lowest two-sided put bid above the next strike's ask.
        let puts = table.chain("SPXW", Self.monthOut, right: "P", at: "09:50")
        let (bottom, next) = (puts[0], puts[1])
        try #require(table.strikeDollars(bottom) / table.double(bottom, "underlying_price") < 0.95)
        table.moveQuote(bottom, bid: ArchiveTable.spxGridUp(table.double(next, "ask") + 0.3))
        Assessment.expectFailures(try Assessment.of(table), [.x1: 4])
    }

    @Test("X1 at mid only: the top call's ask raised so its mid passes its neighbour's, no trade possible: a warning, not a failure")
    func notMonotoneAtMid() throws {
        var table = SimulatedDay.greeks
        let clean = try Assessment.of(table).check(.x1)!
        for time in Self.instants {
            let calls = table.chain("SPXW", Self.monthOut, right: "C", at: time)
            let (lower, top) = (calls[calls.count - 2], calls[calls.count - 1])
            // The top strike bids what the lower one bids (below its ask: no trade) and asks four dimes more.
            table.set(top, "bid", table.double(lower, "bid"))
            table.set(top, "ask", ArchiveTable.spxGridUp(table.double(lower, "ask") + 0.4))
        }
        let day = try Assessment.of(table)
        Assessment.expectFailures(day, [:])
        let x1 = day.check(.x1)!
        #expect(x1.failed == 0 && x1.midOnly == clean.midOnly + 3, "\(x1)")
        #expect(x1.score! < (clean.score ?? 1) && x1.score! > 0)
    }

    @Test("X2: a deep in-the-money call or put spread bid above the strikes' gap")
    func verticalTooDear() throws {
        var table = SimulatedDay.greeks
        for time in Self.instants {
            let calls = table.chain("SPXW", Self.monthOut, right: "C", at: time)
            // The first strike: no pair below it, no triple with it in the middle.
            let (bottom, next) = (calls[0], calls[1])
            try #require(table.strikeDollars(bottom) / table.double(bottom, "underlying_price") < 0.95)
            let gap = table.strikeDollars(next) - table.strikeDollars(bottom)
            table.moveQuote(bottom, bid: ArchiveTable.spxGridUp(table.double(next, "ask") + gap + 0.3))
        }
        // A deep in-the-money put spread: the highest strike's bid above the next lower's ask plus the gap.
        let puts = table.chain("SPXW", Self.monthOut, right: "P", at: "09:50")
        let (lower, top) = (puts[puts.count - 2], puts[puts.count - 1])
        try #require(table.strikeDollars(top) / table.double(top, "underlying_price") > 1.05)
        let gap = table.strikeDollars(top) - table.strikeDollars(lower)
        table.moveQuote(top, bid: ArchiveTable.spxGridUp(table.double(lower, "ask") + gap + 0.3))
        Assessment.expectFailures(try Assessment.of(table), [.x2: 4])
    }

    @Test("X3: an out-of-the-money call bid above its wings' interpolated ask")
    func notConvex() throws {
        var table = SimulatedDay.greeks
        for time in Self.instants {
            let calls = table.chain("SPXW", Self.monthOut, right: "C", at: time)
            // A body out of the money whose wings leave room between the convex and the monotone bound.
            var moved = false
            for i in 1..<(calls.count - 1) where !moved {
                let (wing1, body, wing3) = (calls[i - 1], calls[i], calls[i + 1])
                guard table.strikeDollars(body) / table.double(body, "underlying_price") > 1.05 else { continue }
                let k1 = table.strikeDollars(wing1), k2 = table.strikeDollars(body), k3 = table.strikeDollars(wing3)
                let lambda = (k3 - k2) / (k3 - k1)
                let ceiling = lambda * table.double(wing1, "ask") + (1 - lambda) * table.double(wing3, "ask")
                let bid = ArchiveTable.spxGridUp(ceiling + 0.25)
                guard bid < table.double(wing1, "ask") else { continue }
                table.moveQuote(body, bid: bid)
                moved = true
            }
            try #require(moved)
        }
        Assessment.expectFailures(try Assessment.of(table), [.x3: 3])
    }

    @Test("X4: a call at the money whose parity forward is far from the chain's, a day before expiry")
    func parityOutlier() throws {
        var table = SimulatedDay.greeks
        for time in ["10:00", "10:30"] {
            let calls = table.chain("SPXW", Self.nextDay, right: "C", at: time)
            let puts = table.chain("SPXW", Self.nextDay, right: "P", at: time)
            let spot = table.double(calls[0], "underlying_price")
            var forwards: [Double] = []
            for call in calls {
                guard let put = puts.first(where: { table[$0, "strike"] == table[call, "strike"] }),
                      abs(table.strikeDollars(call) / spot - 1) <= 0.05 else { continue }
                let mid = { (row: Int) in (table.double(row, "bid") + table.double(row, "ask")) / 2 }
                forwards.append(table.strikeDollars(call) + mid(call) - mid(put))
            }
            try #require(forwards.count >= 5)
            let limit = 3.5 * Robust.normalScale * max(Robust.mad(forwards), 0.10)
            let i = calls.indices.min { abs(table.strikeDollars(calls[$0]) - spot) < abs(table.strikeDollars(calls[$1]) - spot) }!
            let (wing1, atm, wing3) = (calls[i - 1], calls[i], calls[i + 1])
            // Within the convexity at the money a day before expiry, so that X1-X3 still hold.
            // In dimes: the quote is above $3, on the 10-cent grid.
            let shift = (2 * limit * 10).rounded(.up) / 10
            let room = (table.double(wing1, "ask") + table.double(wing3, "ask")) / 2 - table.double(atm, "bid") - 0.1
            try #require(shift < room)
            table.moveQuote(atm, bid: ArchiveTable.cents(table.double(atm, "bid") + shift))
        }
        Assessment.expectFailures(try Assessment.of(table), [.x4: 2])
    }
}
