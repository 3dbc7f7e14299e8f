import MarketCalendar
import Testing
import TerminalSimulator

/// The live-Terminal behaviours a market can be given: quiet intervals and a first bar priced
/// off the previous close, in `rows(for:)` and on the wire alike.
@Suite("Market behaviours: quiet intervals, first bar off the previous close")
struct MarketBehaviourTests {
    let plain = SimulatedMarket(seed: 7, scale: 0.05)
    let quiet = SimulatedMarket(seed: 7, scale: 0.05, behaviours: .init(quietShare: 0.05))
    let stale = SimulatedMarket(seed: 7, scale: 0.05, behaviours: .init(firstBarUsesPreviousClose: true))

    func request(_ dataset: Dataset = .greeks, on date: CivilDate = friday, interval: Int = 60_000) -> ChainRequest {
        ChainRequest(root: "SPXW", dataset: dataset, expiration: nil, startDate: date, intervalMs: interval)
    }

    func isQuiet(_ row: OptionRow) -> Bool { row.bid == 0 && row.ask == 0 && row.impliedVol == 0.25 && row.ivError == 100 }

    @Test("about the asked share of rows is quiet, each with the Terminal's placeholder values; the rest unchanged")
    func quietRows() {
        let plainRows = plain.rows(for: request()), quietRows = quiet.rows(for: request())
        #expect(plainRows.count == quietRows.count && plainRows.count > 20_000)
        var quieted = 0
        for (before, after) in zip(plainRows, quietRows) where before != after {
            quieted += 1
            #expect(isQuiet(after))
            #expect([after.bidSize, after.askSize, after.bidExchange, after.askExchange, after.bidCondition, after.askCondition] == [0, 0, 0, 0, 0, 0])
            #expect([after.delta, after.theta, after.vega, after.rho, after.epsilon, after.lambda, after.gamma, after.vanna,
                     after.charm, after.vomma, after.veta, after.speed, after.zomma, after.color, after.ultima].allSatisfy { $0 == 0 })
            #expect(after.underlyingPrice == before.underlyingPrice && after.underlyingMsOfDay == before.underlyingMsOfDay)
            #expect(after.msOfDay == before.msOfDay && after.contract == before.contract)
        }
        let share = Double(quieted) / Double(plainRows.count)
        #expect((0.04...0.06).contains(share), "share \(share)")
    }

    @Test("the same intervals are quiet at every interval length; OHLC, open interest and end of day are untouched")
    func quietIsPerInterval() {
        let minutes = quiet.rows(for: request()), fives = quiet.rows(for: request(interval: 300_000))
        let quietMinutes = Set(minutes.filter(isQuiet).map { "\($0.contract)\($0.msOfDay)" })
        for row in fives { #expect(quietMinutes.contains("\(row.contract)\(row.msOfDay)") == isQuiet(row)) }
        #expect(fives.contains(where: isQuiet))
        for dataset in [Dataset.ohlc, .openInterest, .eod] {
            #expect(quiet.rows(for: request(dataset)) == plain.rows(for: request(dataset)), "\(dataset)")
        }
    }

    @Test("quiet rows on the wire: greeks of every order and the quote", arguments: [Dataset.greeks, .greeksSecondOrder, .greeksThirdOrder, .quote])
    func quietOnTheWire(dataset: Dataset) async throws {
        let rows = quiet.rows(for: ChainRequest(root: "SPXW", dataset: dataset, expiration: friday, startDate: friday))
        let answer = try await withSimulator(.v3, scale: 0.05, configure: { $0.behaviours = .init(quietShare: 0.05) }) {
            try await fetch($0, BodyLayout.v3CSV.path(dataset))
        }
        let decoded = records(parseCSV(answer.text))
        #expect(firstMismatch(decoded, rows, v3: true, dataset: dataset) == nil)
        let quietLines = answer.text.split(separator: "\r\n").filter { dataset == .quote ? $0.hasSuffix(",0,0,0.00,0,0,0,0.00,0") : $0.contains(",0.2500,100.0000,") }
        #expect(quietLines.count == rows.filter { $0.bid == 0 && $0.ask == 0 && $0.bidSize == 0 && $0.askSize == 0 }.count)
        #expect(!quietLines.isEmpty)
    }

    @Test("the first interval's underlying is the previous session's last print, its greeks priced off it")
    func firstBarRows() throws {
        let plainRows = plain.rows(for: request()), staleRows = stale.rows(for: request())
        // Thursday's last price: the underlying of its 15:59 interval.
        let thursdayClose = try #require(plain.rows(for: ChainRequest(root: "SPXW", expiration: nil, startDate: thursday,
                                                                      timeWindow: 57_540_000...57_540_000)).first).underlyingPrice
        var firsts = 0
        for (before, after) in zip(plainRows, staleRows) {
            guard after.msOfDay == 34_200_000 else {
                #expect(after == before)
                continue
            }
            firsts += 1
            #expect(after.underlyingDate == thursday)
            #expect((57_601_000...57_609_999).contains(after.underlyingMsOfDay))
            #expect(after.underlyingPrice == thursdayClose)
            #expect(after.bid == before.bid && after.ask == before.ask)
            if thursdayClose != before.underlyingPrice && after.contract.strikeDollars.distance(to: thursdayClose).magnitude < 100 {
                #expect(after.delta != before.delta, "greeks follow the stale price")
            }
        }
        #expect(firsts == plainRows.count / 390)
        #expect(Set(staleRows.filter { $0.msOfDay == 34_200_000 }.map(\.underlyingMsOfDay)).count == 1)
    }

    @Test("a Monday's first interval refers to Friday's close")
    func firstBarAfterWeekend() throws {
        let monday = CivilDate(year: 2024, month: 3, day: 18)!
        let row = try #require(stale.rows(for: request(on: monday)).first)
        #expect(row.msOfDay == 34_200_000 && row.underlyingDate == friday)
    }

    @Test("v3 prints the previous session's full date-time; v2's ms_of_day2 only its time of day")
    func firstBarOnTheWire() async throws {
        let rows = stale.rows(for: ChainRequest(root: "SPXW", dataset: .greeksSecondOrder, expiration: friday, startDate: friday))
        let first = try #require(rows.first)
        let behaviours = SimulatedMarket.Behaviours(firstBarUsesPreviousClose: true)
        let (v3, v2) = try await withSimulator(.v3, scale: 0.05, configure: { $0.behaviours = behaviours }) { v3 in
            let text = try await fetch(v3, BodyLayout.v3CSV.path(.greeksSecondOrder)).text
            return (text, try await withSimulator(.v2, scale: 0.05, configure: { $0.behaviours = behaviours }) {
                try await fetch($0, BodyLayout.v2CSV.path(.greeksSecondOrder)).text
            })
        }
        let v3First = try #require(records(parseCSV(v3)).first)
        #expect((v3First["timestamp"] as? String) == "2024-03-15T09:30:00.000")
        #expect((v3First["underlying_timestamp"] as? String)?.hasPrefix("2024-03-14T16:00:0") == true)
        #expect(v3First["underlying_timestamp"] as? String == timestampText(thursday, first.underlyingMsOfDay))
        let v2First = try #require(records(parseCSV(v2)).first)
        #expect(v2First["ms_of_day2"] as? String == String(first.underlyingMsOfDay))
        #expect(v2First["date"] as? String == "20240315")
        #expect(firstMismatch(records(parseCSV(v3)), rows, v3: true) == nil)
        #expect(firstMismatch(records(parseCSV(v2)), rows, v3: false) == nil)
    }
}
