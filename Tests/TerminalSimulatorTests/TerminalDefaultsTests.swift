import MarketCalendar
import Testing
import TerminalSimulator

/// What live v3 Terminals answer without any fault: 410 for v2, the 472 body.
@Suite("Terminal defaults: 410 for v2 on v3, the 472 body")
struct TerminalDefaultsTests {
    @Test("a v3 Terminal answers v2 paths 410 GONE and v2's ivl 410 'ivl -> interval'")
    func gone() async throws {
        try await withSimulator(.v3) { (sim: RunningSimulator) async throws in
            for path in [v2GreeksPath(expiration: 20240315, on: friday), "/v2/list/roots/option", "/v2/system/mdds/status"] {
                let answer = try await fetch(sim, path)
                #expect(answer.status == 410 && answer.text == "GONE", "\(path)")
            }
            let ivl = try await fetch(sim, "/v3/option/history/quote?symbol=SPXW&expiration=20240315&date=20240315&ivl=60000")
            #expect(ivl.status == 410 && ivl.text == "ivl -> interval")
            #expect(try await fetch(sim, "/v3/option/nothing").status == 404)
            #expect(sim.injectedFaults().values.allSatisfy { $0 == 0 }, "behaviour, not injected faults")
        }
        // A v2 Terminal knows nothing of v3.
        let v3Path = try await withSimulator(.v2) { try await fetch($0, "/v3/option/list/symbols") }
        #expect(v3Path.status == 404)
    }

    @Test("472, of a day without a session or of the fault, says 'No data found for your request' in both versions")
    func noDataText() async throws {
        let faults = try FaultSpec(parsing: "472:exp=2024-03-15")
        try await withSimulator(.v3, configure: { $0.faults = faults }) { (sim: RunningSimulator) async throws in
            let holiday = try await fetch(sim, v3GreeksPath(expiration: 20240315, on: goodFriday))
            #expect(holiday.status == 472 && holiday.text == "No data found for your request")
            let fault = try await fetch(sim, v3GreeksPath(expiration: 20240315, on: friday))
            #expect(fault.status == 472 && fault.text == "No data found for your request")
        }
        try await withSimulator(.v2) { (sim: RunningSimulator) async throws in
            let holiday = try await fetch(sim, v2GreeksPath(expiration: 20240315, on: goodFriday))
            #expect(holiday.status == 472)
            #expect(try v2Header(holiday)["error_msg"] as? String == "No data found for your request")
        }
    }

    /// A v2 error body's header.
    func v2Header(_ answer: Fetched) throws -> [String: Any] {
        try #require((try parseJSON(answer.body) as? [String: Any])?["header"] as? [String: Any])
    }
}
