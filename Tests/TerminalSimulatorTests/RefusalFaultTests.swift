import MarketCalendar
import Testing
import TerminalSimulator

/// The refusals live Terminals gave in 2026, as `--faults` kinds: bodies, statuses per API
/// version, boundaries and counts.
@Suite("Refusal faults: 403, 500 BadSession, 400 current day, header-only bodies")
struct RefusalFaultTests {
    func contracts(on date: CivilDate) -> String { "/v3/option/list/contracts/quote?symbol=SPXW&date=\(compact(date))" }

    func withFaults<T: Sendable>(_ spec: String, api: TerminalAPI = .v3, today: CivilDate? = nil,
                                 _ body: @Sendable (RunningSimulator) async throws -> T) async throws -> T {
        let faults = try FaultSpec(parsing: spec)
        // Wide enough for 2024-03-18 to be alive from 2024-03-13 on.
        return try await withSimulator(api, scale: 0.1, configure: { c in
            c.faults = faults
            if let today { c.today = today }
        }, body)
    }

    /// A v2 error body's header.
    func v2Header(_ answer: Fetched) throws -> [String: Any] {
        try #require((try parseJSON(answer.body) as? [String: Any])?["header"] as? [String: Any])
    }

    @Test("403:before= refuses history and the contracts list before the date, serves the date itself")
    func forbiddenBoundary() async throws {
        try await withFaults("403:before=2024-03-15") { (sim: RunningSimulator) async throws in
            let refused = try await fetch(sim, v3GreeksPath(expiration: 20240318, on: thursday))
            #expect(refused.status == 403)
            #expect(refused.text == "Your subscription does not include option data before 2024-03-15.")
            #expect(refused.header("Content-Type") == "text/plain")
            #expect(try await fetch(sim, v3GreeksPath(expiration: 20240318, on: friday)).status == 200)
            #expect(try await fetch(sim, contracts(on: thursday)).status == 403)
            #expect(try await fetch(sim, contracts(on: friday)).status == 200)
            // A range reaching back before the date is refused too; the expirations list has no date.
            let range = "/v3/option/history/eod?symbol=SPXW&expiration=20240318&start_date=20240314&end_date=20240315"
            #expect(try await fetch(sim, range).status == 403)
            #expect(try await fetch(sim, "/v3/option/list/expirations?symbol=SPXW").status == 200)
            #expect(sim.injectedFaults()[.forbidden] == 3)
        }
    }

    @Test("a v2 Terminal refuses the same with 471 PERMISSION")
    func forbiddenV2() async throws {
        try await withFaults("403:before=2024-03-15", api: .v2) { (sim: RunningSimulator) async throws in
            let refused = try await fetch(sim, v2GreeksPath(expiration: 20240318, on: thursday))
            #expect(refused.status == 471)
            let header = try v2Header(refused)
            #expect(header["error_type"] as? String == "PERMISSION")
            #expect(header["error_msg"] as? String == "Your subscription does not include option data before 2024-03-15.")
            #expect(try await fetch(sim, v2GreeksPath(expiration: 20240318, on: friday)).status == 200)
            #expect(sim.injectedFaults()[.forbidden] == 1)
        }
    }

    @Test("500 answers BadSession to the first n data requests, or to every one")
    func badSession() async throws {
        try await withFaults("500:n=2") { (sim: RunningSimulator) async throws in
            for _ in 0..<2 {
                let answer = try await fetch(sim, v3GreeksPath(expiration: 20240318, on: friday))
                #expect(answer.status == 500)
                #expect(answer.text == "BadSession: the session is no longer valid; only one Terminal may be logged in per account.")
            }
            #expect(try await fetch(sim, v3GreeksPath(expiration: 20240318, on: friday)).status == 200)
            #expect(sim.injectedFaults()[.badSession] == 2)
        }
        try await withFaults("500") { (sim: RunningSimulator) async throws in
            #expect(try await fetch(sim, contracts(on: friday)).status == 500)
            #expect(try await fetch(sim, v3GreeksPath(expiration: 20240318, on: friday)).status == 500)
            #expect(try await fetch(sim, v3GreeksPath(expiration: 20240318, on: friday)).status == 500)
            #expect(try await fetch(sim, "/v3/option/list/symbols").status == 200, "not a data request")
            #expect(sim.injectedFaults()[.badSession] == 3)
        }
        try await withFaults("500:n=1", api: .v2) { (sim: RunningSimulator) async throws in
            let answer = try await fetch(sim, v2GreeksPath(expiration: 20240318, on: friday))
            #expect(answer.status == 500)
            let header = try v2Header(answer)
            #expect(header["error_type"] as? String == "INVALID_SESSION_ID")
            #expect((header["error_msg"] as? String)?.contains("BadSession") == true)
        }
    }

    @Test("400 refuses history for today and later by default, for the given date with date=")
    func currentDay() async throws {
        let message = "Cannot fetch current-day data without specifying an expiration"
        try await withFaults("400", today: friday) { (sim: RunningSimulator) async throws in
            let refused = try await fetch(sim, v3GreeksPath(expiration: 20240318, on: friday))
            #expect(refused.status == 400 && refused.text == message)
            #expect(try await fetch(sim, v3GreeksPath(expiration: 20240318, on: thursday)).status == 200)
            #expect(try await fetch(sim, contracts(on: friday)).status == 200, "listings are not refused")
            #expect(sim.injectedFaults()[.currentDay] == 1)
        }
        try await withFaults("400:date=2024-03-14") { (sim: RunningSimulator) async throws in
            #expect(try await fetch(sim, v3GreeksPath(expiration: 20240318, on: thursday)).status == 400)
            #expect(try await fetch(sim, v3GreeksPath(expiration: 20240318, on: friday)).status == 400)
            #expect(try await fetch(sim, v3GreeksPath(expiration: 20240318, on: CivilDate(year: 2024, month: 3, day: 13)!)).status == 200)
        }
        try await withFaults("400", api: .v2, today: friday) { (sim: RunningSimulator) async throws in
            let refused = try await fetch(sim, v2GreeksPath(expiration: 20240318, on: friday))
            #expect(refused.status == 400)
            let header = try v2Header(refused)
            #expect(header["error_type"] as? String == "GENERAL" && header["error_msg"] as? String == message)
        }
    }

    @Test("empty:exp= answers 200 with the header alone", arguments: BodyLayout.allCases)
    func emptyBodies(layout: BodyLayout) async throws {
        let path = layout.path(.quote)
        let (answer, other, counted) = try await withFaults("empty:exp=2024-03-15", api: layout.api) { (sim: RunningSimulator) async throws in
            let answer = try await fetch(sim, path)
            let other = try await fetch(sim, layout.path(.quote, expiration: CivilDate(year: 2024, month: 3, day: 22)!))
            return (answer, other, sim.injectedFaults()[.empty])
        }
        #expect(answer.status == 200)
        let header = layout.columns(.quote).joined(separator: ",")
        switch layout {
        case .v3CSV: #expect(answer.text == header + "\r\n")
        case .v2CSV:
            #expect(answer.text == header + "\n")
            #expect(answer.header("Next-Page") == "null")
        case .v3NDJSON: #expect(answer.body.isEmpty)
        case .v3JSON: #expect(answer.text == "{\"response\":[]}")
        case .v2JSON:
            let doc = try #require(try parseJSON(answer.body) as? [String: Any])
            #expect((doc["response"] as? [Any])?.isEmpty == true)
            let format = (doc["header"] as? [String: Any])?["format"] as? [String]
            #expect(format == Dataset.quote.v2Fields)
        }
        #expect(other.status == 200 && other.body.count > 1000)
        #expect(counted == 1)
    }
}
