import Testing
import TerminalSimulator

/// The count of injected faults a soak reports: each kind counted where it is applied, read
/// in process (`injectedFaults()`) and over HTTP (`GET /simulator/faults`) alike.
@Suite("Injected faults are counted by kind")
struct FaultCounterTests {
    let greeks = "/v3/option/history/greeks/first_order?symbol=SPXW&expiration=20240315&date=20240315&interval=1m"
    /// One contract of the same expiration: 391 rows, under the 570 threshold used below.
    var oneContract: String {
        let strike = SimulatedMarket(seed: 7, scale: 0.02).strikes(root: "SPXW", expiration: friday, on: friday)[0]
        return greeks + "&strike=\(Double(strike) / 1000)&right=call"
    }

    func withFaults<T: Sendable>(_ spec: String, _ body: @Sendable (RunningSimulator) async throws -> T) async throws -> T {
        let faults = try FaultSpec(parsing: spec)
        return try await withSimulator(.v3, configure: { $0.faults = faults }, body)
    }

    /// The endpoint's JSON as counts by kind; it must name every kind.
    func served(_ sim: RunningSimulator) async throws -> [FaultSpec.Kind: Int] {
        let answer = try await fetch(sim, "/simulator/faults")
        #expect(answer.status == 200 && answer.header("Content-Type") == "application/json")
        let object = try #require(try parseJSON(answer.body) as? [String: Int])
        #expect(Set(object.keys) == Set(FaultSpec.Kind.allCases.map(\.rawValue)), "\(object)")
        return Dictionary(uniqueKeysWithValues: object.compactMap { key, value in FaultSpec.Kind(rawValue: key).map { ($0, value) } })
    }

    /// `expected` for the kinds it names, 0 for every other kind.
    func only(_ expected: [FaultSpec.Kind: Int]) -> [FaultSpec.Kind: Int] {
        Dictionary(uniqueKeysWithValues: FaultSpec.Kind.allCases.map { ($0, expected[$0] ?? 0) })
    }

    @Test("refusals count once per answer; a trickled body once; malformed once per broken row")
    func refusalsAndBodies() async throws {
        // Triggers by request index: 0-1 get 571, 2 gets 429, 3 is trickled with every row
        // broken, and the 2024-03-18 expiration gets 472.
        let spec = "571:n=2;429:n=3,retry-after=0;472:exp=2024-03-18;trickle:n=4,bytes=65536,delay=1ms;malformed:n=4"
        let rows = SimulatedMarket(seed: 7, scale: 0.02).rows(for: ChainRequest(root: "SPXW", expiration: friday, startDate: friday))
        let monday = "/v3/option/history/greeks/first_order?symbol=SPXW&expiration=2024-03-18&date=20240315&interval=1m"
        try await withFaults(spec) { (sim: RunningSimulator) async throws in
            #expect(sim.injectedFaults() == only([:]))
            var statuses: [Int] = []
            for _ in 0..<4 { statuses.append(try await fetch(sim, greeks).status) }
            statuses.append(try await fetch(sim, monday).status)
            #expect(statuses == [571, 571, 429, 200, 472])
            let expected = only([.starting: 2, .rateLimited: 1, .noData: 1, .trickle: 1, .malformed: rows.count])
            #expect(sim.injectedFaults() == expected)
            #expect(try await served(sim) == expected)
        }
    }

    @Test("a cut body counts once, as truncate when both cuts were drawn; 570 once per refusal")
    func cutsAndSize() async throws {
        // Request 0 draws both cuts, request 1 a reset only; the whole expiration is over 1000 rows.
        try await withFaults("truncate:n=1;reset:n=2;570:above=1000") { (sim: RunningSimulator) async throws in
            await #expect(throws: (any Error).self) { try await fetch(sim, oneContract) }
            await #expect(throws: (any Error).self) { try await fetch(sim, oneContract) }
            #expect(try await fetch(sim, greeks).status == 570)
            #expect(try await fetch(sim, oneContract).status == 200)
            let expected = only([.truncate: 1, .reset: 1, .tooLarge: 1])
            #expect(sim.injectedFaults() == expected)
            #expect(try await served(sim) == expected)
        }
    }

    @Test("every request refused during a 474 outage counts; asking for the counts pins no host and counts nothing")
    func outage() async throws {
        try await withFaults("474:for=60s") { (sim: RunningSimulator) async throws in
            // Another host name first: were the endpoint pinned like a Terminal path, the next request would get 476.
            #expect(try await fetch(sim, "/simulator/faults", host: "localhost").status == 200)
            #expect(try await fetch(sim, greeks).status == 474)
            #expect(try await fetch(sim, greeks).status == 474)
            #expect(try await fetch(sim, "/v3/terminal/mdds/status").text == "DISCONNECTED")
            #expect(try await served(sim) == only([.disconnected: 2]))
        }
    }
}
