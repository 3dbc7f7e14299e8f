import Foundation
import MarketCalendar
@testable import Quality
import Testing
import TestSupport

/// The scan's incremental and integer shortcuts against the obvious computations, on random inputs.
@Suite("Shortcuts equal the plain computations")
struct PropertyTests {
    @Test("T3's sorted window gives the rolling median and MAD of a fresh sort", arguments: [1, 2, 5, 50, 51])
    func spikeWindow(capacity: Int) {
        var random = SeededRandom(seed: UInt64(capacity))
        var window = SpikeWindow(capacity: capacity)
        var series: [Double] = []
        for step in 0..<3_000 {
            // Prices on a grid repeat, as mids do; some steps jump.
            let value = step % 500 < 250 ? Double(Int.random(in: 0...40, using: &random)) * 0.05
                : Double.random(in: -1_000...1_000, using: &random)
            if step % 700 == 0 { window.reset(); series.removeAll() }
            window.push(value)
            series.append(value)
            let last = Array(series.suffix(capacity))
            #expect(Array(window.sorted) == last.sorted())
            let median = window.median
            #expect(median == Robust.median(last))
            #expect(window.mad(around: median) == Robust.mad(last))
        }
    }

    @Test("V5's grid in cents agrees with integer arithmetic on every cent to $1,000")
    func tickGrid() {
        let spx = RootRules(root: "SPXW"), spy = RootRules(root: "SPY"), other = RootRules(root: "AAPL")
        for cents in 1...100_000 {
            let price = Double(cents) / 100
            #expect(spx.isOnGrid(price) == (cents % (cents < 300 ? 5 : 10) == 0), "\(price)")
            #expect(spy.isOnGrid(price))
            // Half a cent is on no grid; a root without a known grid is not judged.
            #expect(!spy.isOnGrid((Double(cents) + 0.5) / 100))
            #expect(other.isOnGrid((Double(cents) + 0.5) / 100))
        }
        #expect(spx.tick(at: 2.99) == 0.05 && spx.tick(at: 3) == 0.10 && spy.tick(at: 50) == 0.01 && other.tick(at: 5) == 0.10)
    }

    @Test("the selection median equals the sorted median")
    func selectionMedian() {
        var random = SeededRandom(seed: 7)
        for count in Array(1...40) + [399, 400, 1_001] {
            var values = (0..<count).map { _ in Double(Int.random(in: 0...(count / 3 + 1), using: &random)) }
            let expected = Robust.median(values)
            #expect(Robust.median(reordering: &values) == expected, "\(count)")
        }
    }

    @Test("the instant order is a stable sort by time", arguments: [0, 1, 5, 255, 256, 4_000])
    func instantOrder(count: Int) {
        var random = SeededRandom(seed: UInt64(count) + 3)
        for span in [Int64(0), 60_000, 86_400_000, 1 << 40] {
            let base = Int64.random(in: 1_700_000_000_000...1_800_000_000_000, using: &random)
            // A chain's instants repeat: draw from a few.
            let instants = (0..<8).map { _ in base + Int64.random(in: 0...span, using: &random) }
            let times = (0..<count).map { _ in instants[Int.random(in: 0..<8, using: &random)] }
            var order: [Int32] = [], scratch: [Int32] = []
            InstantOrder.sort(times, into: &order, scratch: &scratch)
            let expected = times.indices.sorted { (times[$0], $0) < (times[$1], $1) }.map(Int32.init)
            #expect(order == expected, "\(count) over \(span)")
        }
    }

    @Test("example keys: strikes without trailing zeros, New York times to the millisecond when needed")
    func exampleKeys() {
        let expiration = Int32(CivilDate(year: 2024, month: 3, day: 15)!.daysSince1970)
        #expect(ExampleKey.of(root: "SPXW", expiration: expiration, strike: 5_100_000, right: UInt8(ascii: "C"),
                              msOfDay: 37_860_000) == "SPXW 2024-03-15 5100 C 10:31")
        #expect(ExampleKey.dollars(5_102_500) == "5102.5" && ExampleKey.dollars(512_345) == "512.345"
                && ExampleKey.dollars(500) == "0.5" && ExampleKey.dollars(-5_000) == "-5" && ExampleKey.dollars(5_100_050) == "5100.05")
        #expect(ExampleKey.time(37_861_005) == "10:31:01.005" && ExampleKey.time(0) == "00:00")
        #expect(ExampleKey.date(Int32.max) == "day \(Int32.max)")
        // 2024-03-15 14:31 UTC is 10:31 in New York (EDT).
        #expect(ExampleKey.instant(1_710_513_060_000) == "2024-03-15 10:31")
    }
}


@Suite("Judging a day slice by slice")
struct SliceTests {
    @Test("slices of any size (cutting row groups, contracts and chains) judge a day as whole row groups do",
          arguments: [977, 5_000, 12_345])
    func slicesAgree(rows: Int) throws {
        var table = SimulatedDay.greeks
        // A few defects, so that counts and examples are compared too.
        for row in [100, 2_000, 20_000] { table.set(row, "bid", table.double(row, "ask") + 0.05) }
        table.duplicate(7_000)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("slices-\(UUID().uuidString).parquet").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try table.write(to: path, rowGroupRows: 40_000)
        let whole = try QualityAssessor().assess(path: path)
        var sliced = QualityAssessor()
        sliced.sliceRows = rows
        #expect(try sliced.assess(path: path) == whole)
    }
}
