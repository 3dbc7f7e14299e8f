import MarketCalendar
@testable import Quality
import Testing

/// The checks that compare the file with what the ledger knows, through `assess`.
@Suite("Ledger facts: listed contracts, expirations, row-count drift, re-served days, quiet-row trend")
struct ContextCheckTests {
    static let table = SimulatedDay.greeks
    /// Contracts of the test day: a strike and right of each chain, 78 rows each.
    static let contracts = Int64(table.rows.count / 78)

    @Test("C2: listed contracts without rows")
    func listedContracts() throws {
        var context = QualityContext()
        context.listedContracts = Int(Self.contracts) + 4
        let day = try Assessment.of(Self.table, context: context)
        Assessment.expectFailures(day, [.c2: 4])
        #expect(day.check(.c2)!.evaluated == Self.contracts + 4)
    }

    @Test("C3: expirations alive, neither archived nor recorded empty")
    func expirations() throws {
        var context = QualityContext()
        context.expirationsAlive = 7
        context.expirationsAccounted = 5
        Assessment.expectFailures(try Assessment.of(Self.table, context: context), [.c3: 2])
    }

    @Test("C5: a row count three times the previous sessions'")
    func rowCountDrift() throws {
        var context = QualityContext()
        let rows = Int64(Self.table.rows.count)
        context.previousRowCounts = [rows / 3, rows / 3 + 10, rows / 3 - 20, rows / 3 + 5]
        Assessment.expectFailures(try Assessment.of(Self.table, context: context), [.c5: 1])
        context.previousRowCounts = [rows, rows + 10, rows - 20, rows + 5]
        Assessment.expectFailures(try Assessment.of(Self.table, context: context), [:])
    }

    @Test("U3: another date with the same content")
    func reserved() throws {
        var context = QualityContext()
        context.datesWithSameContent = [CivilDate(year: 2024, month: 3, day: 11)!]
        let day = try Assessment.of(Self.table, context: context)
        Assessment.expectFailures(day, [.u3: 1])
        #expect(day.check(.u3)!.examples == ["same rows as 2024-03-11"])
    }

    @Test("the quiet-row share, as the ledger counts it, is flagged when it departs from the previous sessions'")
    func quietShare() throws {
        let bars = SimulatedDay.ohlc
        let share = Double(bars.rows.indices.count { bars[$0, "volume"].integer == 0 }) / Double(bars.rows.count)
        #expect(share > 0.1 && share < 1)
        var context = QualityContext()
        context.previousQuietShares = [share, share + 0.001, share - 0.001, share]
        #expect(try Assessment.of(bars, context: context).trendFlags.isEmpty)
        context.previousQuietShares = [0.01, 0.011, 0.009, 0.01]
        let flags = try Assessment.of(bars, context: context).trendFlags
        #expect(flags.count == 1 && flags[0].hasPrefix("quiet-row share"), "\(flags)")
    }
}
