import Testing
import TerminalSimulator

/// `start_time`/`end_time`: the windows a client asks for after a 570, in both spellings.
@Suite("Time windows over loopback")
struct TimeWindowTests {
    let market = SimulatedMarket(seed: 7, scale: 0.02)
    /// 10:00:00.000 to 10:29:59.999, both ends included.
    let window = 36_000_000...37_799_999

    @Test("rows(for:) keeps exactly the intervals starting inside the window")
    func rowsInWindow() {
        let whole = market.rows(for: ChainRequest(root: "SPXW", expiration: friday, startDate: friday))
        let part = market.rows(for: ChainRequest(root: "SPXW", expiration: friday, startDate: friday, timeWindow: window))
        #expect(part == whole.filter { window.contains($0.msOfDay) })
        #expect(Set(part.map(\.msOfDay)).count == 30)
        // A window after the close covers nothing: the Terminal's 472.
        #expect(market.plan(for: ChainRequest(root: "SPXW", expiration: friday, startDate: friday,
                                              timeWindow: 60_000_000...61_000_000)) == nil)
    }

    /// A greeks request for the window from `start` to `end`, in the API's own time spelling.
    func path(_ api: TerminalAPI, _ start: String, _ end: String) -> String {
        api == .v3
            ? "/v3/option/history/greeks/first_order?symbol=SPXW&expiration=20240315&date=20240315&interval=1m&start_time=\(start)&end_time=\(end)"
            : "/v2/bulk_hist/option/greeks?root=SPXW&exp=20240315&start_date=20240315&end_date=20240315&ivl=60000&use_csv=true&start_time=\(start)&end_time=\(end)"
    }

    @Test("v3 HH:MM:SS.SSS and v2 ms windows serve the window's rows", arguments: TerminalAPI.allCases)
    func servedWindow(api: TerminalAPI) async throws {
        let rows = market.rows(for: ChainRequest(root: "SPXW", expiration: friday, startDate: friday, timeWindow: window))
        let v3 = api == .v3
        let (answer, afterClose, reversed, bad) = try await withSimulator(api) { sim in
            (try await fetch(sim, path(api, v3 ? "10:00:00.000" : "36000000", v3 ? "10:29:59.999" : "37799999")),
             try await fetch(sim, path(api, v3 ? "16:30:00" : "59400000", v3 ? "17:00:00" : "61200000")),
             try await fetch(sim, path(api, v3 ? "11:00:00" : "39600000", v3 ? "10:00:00" : "36000000")),
             try await fetch(sim, path(api, v3 ? "25:00" : "-1", v3 ? "26:00" : "1")))
        }
        #expect(answer.status == 200)
        #expect(firstMismatch(records(parseCSV(answer.text)), rows, v3: v3) == nil)
        #expect(afterClose.status == 472)
        #expect(reversed.status == 473)
        #expect(bad.status == 473)
    }
}
