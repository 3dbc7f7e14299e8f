import Foundation
@testable import Quality
import Testing

/// Quotes broken on the lonely chain (one strike, so no neighbour's bounds are crossed) and
/// early in the day (before T3 has a window, so a moved mid is no spike).
@Suite("Quote defects: crossed, locked, off the grid, above the underlying, below the bound, wide")
struct QuoteDefectTests {
    @Test("V2: an ask a tick below the bid")
    func crossed() throws {
        var table = SimulatedDay.greeks
        for row in table.lonely("C")[2...3] + table.lonely("P")[2...3] {
            table.set(row, "ask", ArchiveTable.cents(table.double(row, "bid") - 0.1))
        }
        Assessment.expectFailures(try Assessment.of(table), [.v2: 4])
    }

    @Test("V3: an ask equal to the bid")
    func locked() throws {
        var table = SimulatedDay.greeks
        for row in table.lonely("C")[4...6] { table.set(row, "ask", table.double(row, "bid")) }
        Assessment.expectFailures(try Assessment.of(table), [.v3: 3])
    }

    @Test("V5: a bid a cent off SPX's 10-cent grid")
    func offGrid() throws {
        var table = SimulatedDay.greeks
        for row in table.lonely("C")[7...8] + table.lonely("P")[7...8] {
            table.set(row, "bid", ArchiveTable.cents(table.double(row, "bid") + 0.01))
        }
        Assessment.expectFailures(try Assessment.of(table), [.v5: 4])
    }

    @Test("V6: a one-sided call bid above the underlying, a put bid above the strike")
    func aboveUnderlying() throws {
        var table = SimulatedDay.greeks
        // One-sided (ask 0), so that no two-sided check sees the absurd quote.
        for row in table.lonely("C")[9...11] {
            table.set(row, "bid", (table.double(row, "underlying_price") + 10).rounded(.up))
            table.set(row, "ask", 0)
        }
        let put = table.lonely("P")[9]
        table.set(put, "bid", table.strikeDollars(put) + 10)
        table.set(put, "ask", 0)
        Assessment.expectFailures(try Assessment.of(table), [.v6: 4])
    }

    @Test("V7: an ask far below a European call's bound S·e^(−0.05T) − K")
    func belowBound() throws {
        var table = SimulatedDay.greeks
        // The underlying moved up 600 points under the quote: the ask is now far below the bound.
        for row in table.lonely("C")[12...14] {
            table.set(row, "underlying_price", table.double(row, "underlying_price") + 600)
        }
        let day = try Assessment.of(table)
        Assessment.expectFailures(day, [.v7: 3])
        #expect(day.check(.v7)!.examples.first?.hasPrefix("SPX 2024-06-21") == true)
    }

    @Test("V9: a spread 60 times the contract's median")
    func wideSpread() throws {
        var table = SimulatedDay.greeks
        let rows = table.lonely("C")
        let spreads = rows.map { table.double($0, "ask") - table.double($0, "bid") }.sorted()
        let median = (spreads[spreads.count / 2 - 1] + spreads[spreads.count / 2]) / 2
        for row in [rows[15], rows[20]] {
            table.set(row, "ask", ArchiveTable.spxGridUp(table.double(row, "bid") + 60 * median))
        }
        let day = try Assessment.of(table)
        Assessment.expectFailures(day, [.v9: 2])
        #expect(day.check(.v9)!.evaluated == day.check(.v2)!.evaluated)
    }
}
