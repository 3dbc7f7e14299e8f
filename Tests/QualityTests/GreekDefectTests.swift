import Foundation
@testable import Quality
import Testing

@Suite("Greek and volatility defects: deltas, negative gamma and vega, signs, the vega ceiling, placeholders, implausible volatility")
struct GreekDefectTests {
    @Test("G1: a call delta above 1, a put delta above 0")
    func delta() throws {
        var table = SimulatedDay.greeks
        let calls = table.rows("SPXW", SimulatedDay.chains(on: SimulatedDay.date)[3].expiration, right: "C")
        let puts = table.rows("SPXW", SimulatedDay.chains(on: SimulatedDay.date)[3].expiration, right: "P")
        for row in [calls[0], calls[500], calls[900]] { table.set(row, "delta", 1.2) }
        for row in [puts[1], puts[800]] { table.set(row, "delta", 0.3) }
        Assessment.expectFailures(try Assessment.of(table), [.g1: 5])
    }

    @Test("G2: a negative vega")
    func negativeVega() throws {
        var table = SimulatedDay.greeks
        for row in [100, 7_000, 15_000, 26_000] { table.set(row, "vega", -0.5) }
        Assessment.expectFailures(try Assessment.of(table), [.g2: 4])
    }

    @Test("G3: rho, epsilon and lambda of the wrong sign, theta positive out of the money; in the money it may be")
    func signs() throws {
        let clean = SimulatedDay.greeks
        // The clean day has puts deep in the money that gain value as expiry nears, and passes.
        let positive = clean.rows.indices.filter { row in
            clean[row, "right"] == .text("P") && clean.double(row, "theta") > 0
                && clean.strikeDollars(row) > clean.double(row, "underlying_price")
        }
        #expect(positive.count > 100)
        var table = clean
        let calls = table.lonely("C"), puts = table.lonely("P")
        table.set(calls[20], "rho", -1)
        table.set(calls[21], "rho", -0.5)
        table.set(puts[22], "epsilon", -1)
        table.set(calls[23], "lambda", -2)
        // The June call stays out of the money or near it: find a row where it is out.
        let outOfMoney = try #require(calls.first { table.strikeDollars($0) > table.double($0, "underlying_price") })
        table.set(outOfMoney, "theta", 5)
        Assessment.expectFailures(try Assessment.of(table), [.g3: 5])
    }

    @Test("G4: a vega above 0.3989 · S · √T (ThetaData's vega is per 1.0 of volatility)")
    func vegaCeiling() throws {
        var table = SimulatedDay.greeks
        let rows = [50, 12_000, 25_000]
        for row in rows {
            let ceiling = 0.3989 * table.double(row, "underlying_price") * table.years(row).squareRoot()
            table.set(row, "vega", (ceiling * 1.01).rounded(.up))
        }
        Assessment.expectFailures(try Assessment.of(table), [.g4: 3])
    }

    @Test("I1: the placeholder iv_error 100, an implied volatility of 0, on two-sided rows")
    func placeholders() throws {
        var table = SimulatedDay.greeks
        let twoSided = table.rows.indices.filter { table.double($0, "bid") > 0 && table.double($0, "ask") > 0 }
        for row in [twoSided[1], twoSided[5_000], twoSided[20_000]] { table.set(row, "iv_error", 100) }
        for row in [twoSided[7], twoSided[9_000]] { table.set(row, "implied_vol", 0) }
        Assessment.expectFailures(try Assessment.of(table), [.i1: 5])
    }

    @Test("I4: an implied volatility of 600% or 0.05% before the expiration day")
    func implausible() throws {
        var table = SimulatedDay.greeks
        let later = table.rows.indices.filter { table[$0, "expiration"] != table[$0, "date"] }
        for row in [later[3], later[4_000]] { table.set(row, "implied_vol", 6) }
        table.set(later[8_000], "implied_vol", 0.0005)
        let day = try Assessment.of(table)
        Assessment.expectFailures(day, [.i4: 3])
        // The funnel's volatility filter sees them too.
        #expect(day.funnel[2].removed == 3)
    }
}
