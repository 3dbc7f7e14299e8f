import Foundation
@testable import Quality
import Testing

@Suite("Clean days grade A, with every row check evaluated")
struct CleanDayTests {
    /// The checks that read a greeks file's rows.
    static let greeksRowChecks: [QualityCheck.ID] = [
        .s2, .s3, .s4, .u1, .u2, .c1, .c4, .c6, .v1, .v2, .v3, .v4, .v5, .v6, .v7, .v8, .v9,
        .g1, .g2, .g3, .g4, .i1, .i3, .i4, .x1, .x2, .x3, .x4, .x5, .t1, .t2, .t3,
    ]

    @Test("a clean simulated greeks day: grade A, every row check evaluated, the funnel removes short-dated and far strikes")
    func greeks() throws {
        let table = SimulatedDay.greeks
        var context = QualityContext()
        context.previousClose = table.double(0, "underlying_price")
        let day = try Assessment.of(table, context: context)
        Assessment.expectFailures(day, [:])
        #expect(day.grade == .a && day.score == 100, "\(day.score)")
        #expect(day.rows == Int64(table.rows.count))
        for id in Self.greeksRowChecks { #expect(day.check(id)!.isEvaluated, "\(id.rawValue) not evaluated") }
        // Checks of other datasets, or of facts a lone file does not have, are not evaluated, never passed.
        for id in [QualityCheck.ID.v11, .c2, .c3, .c5, .u3] { #expect(!day.check(id)!.isEvaluated, "\(id.rawValue)") }
        #expect(day.funnel.map(\.filter) == ["days to expiry < 7", "moneyness K/S outside 0.8-1.2",
                                             "implied volatility outside 5%-100%", "zero bid"])
        #expect(day.funnel.allSatisfy { $0.of > 0 })
        #expect(day.funnel[0].removed > 0 && day.funnel[1].removed > 0 && day.funnel[3].removed > 0)
        // One contract a strike and right of each chain; a C1 grid of 78 five-minute intervals each.
        #expect(day.check(.c1)!.evaluated == Int64(table.rows.count) && table.rows.count % 78 == 0)
        #expect(day.check(.s4)!.evaluated == 8)
        #expect(day.check(.v8)!.evaluated == Int64(table.rows.count))
    }

    @Test("a clean quotes day and a clean OHLC day")
    func quotesAndBars() throws {
        let quotes = try Assessment.of(SimulatedDay.quotes)
        Assessment.expectFailures(quotes, [:])
        #expect(quotes.grade == .a)
        for id in [QualityCheck.ID.s2, .u1, .c1, .c4, .v1, .v2, .v3, .v5, .v9, .x1, .x2, .x3, .t1, .t3] {
            #expect(quotes.check(id)!.isEvaluated, "\(id.rawValue)")
        }
        // No underlying price, no greeks: nothing to judge them by.
        for id in [QualityCheck.ID.s4, .v6, .v7, .v8, .g1, .g4, .i1, .x4, .t2] { #expect(!quotes.check(id)!.isEvaluated, "\(id.rawValue)") }

        let bars = try Assessment.of(SimulatedDay.ohlc)
        Assessment.expectFailures(bars, [:])
        #expect(bars.grade == .a)
        for id in [QualityCheck.ID.s2, .u1, .c1, .c4, .v1, .v11, .t1] { #expect(bars.check(id)!.isEvaluated, "\(id.rawValue)") }
    }

    @Test("the schema version 1 fixture (SPY, half-hour greeks, underlying_ms_of_day) grades A")
    func schemaVersion1() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/archive-v1/spy-options-2024-03-15.parquet").path
        let day = try QualityAssessor().assess(path: path)
        Assessment.expectFailures(day, [:])
        #expect(day.grade == .a && day.rows == 52)
        // Two strikes, two rights, 13 half hours: the whole grid.
        #expect(day.check(.c1)!.evaluated == 52)
        // Its underlying time is a time of day: T2 still judges it.
        #expect(day.check(.t2)!.evaluated == 52)
        // SPY's penny grid and American bound.
        #expect(day.check(.v5)!.isEvaluated && day.check(.v7)!.isEvaluated)
    }
}
