import Foundation
@testable import Quality
import TerminalSimulator
import Testing

@Suite("Contract and series defects: repeated keys, missing intervals, order, stale underlying, spikes")
struct SeriesDefectTests {
    @Test("U1: rows repeated exactly (and not counted again as out of order by T1)")
    func repeats() throws {
        var table = SimulatedDay.greeks
        // From the last row back, so that earlier positions stay put; row 4_999 is a row group's last.
        for row in [25_000, 12_345, 4_999, 77] { table.duplicate(row) }
        let day = try Assessment.of(table)
        Assessment.expectFailures(day, [.u1: 4])
        #expect(day.rows == Int64(SimulatedDay.greeks.rows.count + 4))
    }

    @Test("U2: a repeated key with another value fails U2 and, being a repeat, U1")
    func conflictingRepeats() throws {
        var table = SimulatedDay.greeks
        for row in [20_000, 9_998, 300] {
            table.duplicate(row) { table, copy in table.set(copy, "iv_error", table.double(copy, "iv_error") + 0.0001) }
        }
        Assessment.expectFailures(try Assessment.of(table), [.u1: 3, .u2: 3])
    }

    @Test("U2 compares with the first row even when it lies in an earlier row group")
    func repeatAcrossGroups() throws {
        var table = SimulatedDay.greeks
        // Row 4_999 ends the first row group of 5_000 rows; its changed copy starts the second.
        table.duplicate(4_999) { table, copy in table.set(copy, "lambda", table.double(copy, "lambda") + 1) }
        Assessment.expectFailures(try Assessment.of(table), [.u1: 1, .u2: 1])
    }

    @Test("C1: rows missing from contracts' grids; an early close's grid ends at 13:00")
    func missingIntervals() throws {
        var table = SimulatedDay.greeks
        for row in [29_500, 20_001, 15_000, 8_000, 42] { table.rows.remove(at: row) }
        let day = try Assessment.of(table)
        Assessment.expectFailures(day, [.c1: 5])
        #expect(day.check(.c1)!.evaluated == Int64(SimulatedDay.greeks.rows.count))

        let early = SimulatedDay.table(.greeks, on: SimulatedDay.earlyClose)
        let short = try Assessment.of(early)
        Assessment.expectFailures(short, [:])
        // 09:30 to 13:00 in five-minute intervals: 42 a contract.
        #expect(short.check(.c1)!.evaluated == Int64(early.rows.count) && early.rows.count % 42 == 0)
    }

    @Test("T1: two rows of a contract swapped")
    func outOfOrder() throws {
        var table = SimulatedDay.greeks
        for row in [100, 10_000, 21_000] { table.rows.swapAt(row, row + 1) }
        Assessment.expectFailures(try Assessment.of(table), [.t1: 3])
    }

    @Test("T2: an underlying two minutes older than its row")
    func staleUnderlying() throws {
        var table = SimulatedDay.greeks
        for row in [5, 6_000, 16_000, 30_000] {
            table[row, "underlying_timestamp"] = .integer(table[row, "timestamp"].integer! - 120_000)
        }
        let day = try Assessment.of(table)
        Assessment.expectFailures(day, [.t2: 4])
        // Row 5 is the first contract's 09:55 row.
        #expect(day.check(.t2)!.examples.first == "SPX 2024-04-19 3600 C 09:55 underlying at 2024-03-12 09:53", "\(day.check(.t2)!.examples)")
    }

    @Test("T3: a mid that leaps and comes back; a leap that stays is the market")
    func spikes() throws {
        var table = SimulatedDay.greeks
        let rows = table.lonely("C")
        let window = QualityThresholds().spikeWindow
        for at in [60, 70] {
            let mids = rows[(at - window)..<at].map { (table.double($0, "bid") + table.double($0, "ask")) / 2 }
            let median = Robust.median(mids), mad = Robust.mad(mids)
            try #require(mad > 0)
            let leap = ArchiveTable.spxGridUp(2 * QualityThresholds().spikeDeviations * Robust.normalScale * mad)
            table.moveQuote(rows[at], bid: ArchiveTable.spxGridUp(table.double(rows[at], "bid") + leap))
            // Half the leap is the check's limit: the leap moves the mid well past it.
            #expect(abs((table.double(rows[at], "bid") + table.double(rows[at], "ask")) / 2 - median) > leap / 2)
        }
        Assessment.expectFailures(try Assessment.of(table), [.t3: 2])

        // The same leap kept from there on is a new level, not a spike.
        var level = SimulatedDay.greeks
        let mids = rows[10..<60].map { (level.double($0, "bid") + level.double($0, "ask")) / 2 }
        let leap = ArchiveTable.spxGridUp(2 * QualityThresholds().spikeDeviations * Robust.normalScale * Robust.mad(mids))
        for row in rows[60...] { level.moveQuote(row, bid: ArchiveTable.spxGridUp(level.double(row, "bid") + leap)) }
        Assessment.expectFailures(try Assessment.of(level), [:])
    }
}
