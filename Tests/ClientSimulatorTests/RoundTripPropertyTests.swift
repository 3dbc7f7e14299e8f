import MarketCalendar
import Testing
import TerminalSimulator
import TestSupport
import ThetaData

@Suite("Client against the simulator: random requests")
struct RoundTripPropertyTests {
    /// One random case: a simulator seed and scale, and a request on a session of that market.
    struct Case: Sendable, CustomStringConvertible {
        var seed: UInt64
        var scale: Double
        var ask: HistoryAsk
        var format: BodyFormat

        var description: String {
            "seed \(seed) scale \(scale) \(ask.dataset) \(ask.root) exp \(ask.expiration) on \(ask.date) every \(ask.intervalMs) ms, \(format)"
        }

        /// Draws a case; every body format and both datasets come round as `index` grows.
        static func draw(_ index: Int, using random: inout SeededRandom) -> Case {
            let seed = UInt64.random(in: 1...1_000_000, using: &random)
            let scale = Double.random(in: 0.005...0.03, using: &random)
            let market = SimulatedMarket(seed: seed, scale: scale)
            let first = CivilDate(year: 2019, month: 1, day: 2)!, last = CivilDate(year: 2025, month: 12, day: 31)!
            var date = CivilDate(daysSince1970: Int.random(in: first.daysSince1970...last.daysSince1970, using: &random))
            while market.session(on: date) == nil { date = date.advanced(by: 1) }
            let root = SimulatedMarket.roots.randomElement(using: &random)!
            let expiration = market.expirations(root: root, aliveOn: date).randomElement(using: &random)!
            // Intervals both API versions name (v3 only takes its fixed list).
            let interval = [30_000, 60_000, 300_000, 900_000, 1_800_000, 3_600_000].randomElement(using: &random)!
            let ask = HistoryAsk(dataset: index % 3 == 0 ? .quotes : .greeks, root: root, expiration: expiration,
                                 date: date, intervalMs: interval)
            return Case(seed: seed, scale: scale, ask: ask, format: BodyFormat.allCases[index % BodyFormat.allCases.count])
        }
    }

    @Test("decoded rows equal the served rows for seeded random seeds, scales, sessions, roots and intervals")
    func randomRequests() async throws {
        var random = SeededRandom(seed: 20_240_315)
        for index in 0..<8 {
            let drawn = Case.draw(index, using: &random)
            let served = drawn.ask.served(by: SimulatedMarket(seed: drawn.seed, scale: drawn.scale), in: drawn.format.apiVersion)
            let got = try await withSimulator(drawn.format.apiVersion, seed: drawn.seed, scale: drawn.scale) { sim in
                try await withClient(sim, drawn.format) { try await $0.collect(drawn.ask) }
            }
            #expect(!served.isEmpty, "\(drawn)")
            #expect(got.rows == served, "\(drawn)")
            #expect(got.summary.rows == served.count && got.restarts.isEmpty, "\(drawn)")
        }
    }
}
