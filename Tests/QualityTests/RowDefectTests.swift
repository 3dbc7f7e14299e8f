import Foundation
import MarketCalendar
@testable import Quality
import Testing

/// Each test breaks known rows of a clean day so that exactly one check fails, by exactly the
/// number of rows broken, and every other blocker, error and warning stays clean.
@Suite("Row defects: dates, keys, zero columns, nulls, negatives, the underlying, bars")
struct RowDefectTests {
    @Test("S2: rows dated another day; a day that is no session fails every row")
    func otherDates() throws {
        var table = SimulatedDay.greeks
        let broken = [10, 4_000, 9_999, 17_321, 29_000]
        for row in broken { table[row, "date"] = .integer(Int64(SimulatedDay.date.daysSince1970 - 1)) }
        let day = try Assessment.of(table)
        Assessment.expectFailures(day, [.s2: 5])
        #expect(day.score == 0 && day.grade == .f)
        #expect(day.check(.s2)!.examples.first?.hasSuffix("dated 2024-03-11") == true)

        // Given the footer names a Saturday, then no row can be of a session (and C1 has no grid).
        var saturday = SimulatedDay.greeks
        saturday.setFooter("spx-data.date", "2024-03-16")
        let weekend = try Assessment.of(saturday)
        Assessment.expectFailures(weekend, [.s2: Int64(saturday.rows.count)])
        #expect(weekend.check(.c1)!.evaluated == 0)
    }

    @Test("S3: a right neither C nor P, an expiration before the date")
    func keysOutOfDomain() throws {
        var table = SimulatedDay.greeks
        // Whole contracts, so that no contract's run is split: right X sorts after P, and the
        // lonely chain has no neighbour to compare with.
        let puts = table.lonely("P"), calls = table.lonely("C")
        for row in puts { table[row, "right"] = .text("X") }
        for row in calls { table[row, "expiration"] = .integer(Int64(SimulatedDay.date.daysSince1970 - 1)) }
        Assessment.expectFailures(try Assessment.of(table), [.s3: Int64(puts.count + calls.count)])
    }

    @Test("S4: a greek that is 0 on every row of a quoted day")
    func zeroColumn() throws {
        var table = SimulatedDay.greeks
        for row in table.rows.indices { table.set(row, "rho", 0) }
        let day = try Assessment.of(table)
        Assessment.expectFailures(day, [.s4: 1])
        #expect(day.check(.s4)!.evaluated == 8 && day.check(.s4)!.examples == ["rho is 0 or null on every row of a quoted day"])
    }

    @Test("C4: nulls in a column the dataset always has")
    func nulls() throws {
        var table = SimulatedDay.greeks
        for row in [3, 333, 3_333, 13_333, 23_333, 27_000, 30_000] { table[row, "implied_vol"] = .null }
        let day = try Assessment.of(table)
        Assessment.expectFailures(day, [.c4: 7])
        // Cells: every row times bid, ask, implied_vol, iv_error, underlying_price.
        #expect(day.check(.c4)!.evaluated == Int64(table.rows.count * 5))
    }

    @Test("V1: a negative bid, an underlying price not a number, a negative size")
    func negatives() throws {
        var table = SimulatedDay.greeks
        let early = table.lonely("C")[1...3] + table.lonely("P")[1...3]
        for row in early { table.set(row, "bid", -table.double(row, "bid")) }
        for row in table.lonely("P")[10...11] { table.set(row, "underlying_price", .nan) }
        Assessment.expectFailures(try Assessment.of(table), [.v1: 8])

        var quotes = SimulatedDay.quotes
        for row in [5, 500, 5_000] { quotes[row, "bid_size"] = .integer(-1) }
        Assessment.expectFailures(try Assessment.of(quotes), [.v1: 3])
    }

    @Test("V8: an underlying at 0, or 50% from the previous close")
    func underlying() throws {
        var table = SimulatedDay.greeks
        var context = QualityContext()
        context.previousClose = table.double(0, "underlying_price")
        #expect(try Assessment.of(table, context: context).check(.v8)!.failed == 0)
        for row in table.lonely("C")[2...4] { table.set(row, "underlying_price", 0) }
        // Puts only: a higher S lowers a put's bound (V7) and leaves it out of the money (G3).
        for row in table.lonely("P")[2...5] { table.set(row, "underlying_price", table.double(row, "underlying_price") * 1.5) }
        Assessment.expectFailures(try Assessment.of(table, context: context), [.v8: 7])
        // Without the previous close only the zeros are known wrong.
        Assessment.expectFailures(try Assessment.of(table), [.v8: 3])
    }

    @Test("V11: a bar whose low is above its open or close, an untraded bar that is not zeros")
    func bars() throws {
        var table = SimulatedDay.ohlc
        let traded = table.rows.indices.filter { table[$0, "volume"].integer! > 0 }
        let untraded = table.rows.indices.filter { table[$0, "volume"].integer! == 0 }
        try #require(traded.count > 100 && untraded.count > 100)
        for row in [traded[0], traded[50], traded[100]] {
            table.set(row, "low", max(table.double(row, "open"), table.double(row, "close")) + 0.05)
        }
        for row in [untraded[0], untraded[99]] { table.set(row, "close", 1.5) }
        let day = try Assessment.of(table)
        Assessment.expectFailures(day, [.v11: 5])
        #expect(day.check(.v11)!.evaluated == Int64(table.rows.count))
    }
}
