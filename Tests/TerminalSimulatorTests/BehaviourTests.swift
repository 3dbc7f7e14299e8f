import Testing
import TerminalSimulator

@Suite("Terminal behaviour and faults over loopback")
struct BehaviourTests {
    let greeks = "/v3/option/history/greeks/first_order?symbol=SPXW&expiration=20240315&date=20240315&interval=1m"

    @Test("the concurrency cap holds and a full queue answers 429")
    func concurrencyCap() async throws {
        let (statuses, peak) = try await withSimulator(.v3, configure: {
            $0.concurrency = 2; $0.queueLimit = 2; $0.latencyScale = 0.1
        }) { sim in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<10 { group.addTask { try await fetch(sim, greeks).status } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            return (statuses, await sim.peakConcurrency())
        }
        #expect(peak == 2)
        #expect(statuses.filter { $0 == 200 }.count >= 4)
        #expect(statuses.contains(429))
        #expect(Set(statuses).isSubset(of: [200, 429]))
    }

    func withFaults<T: Sendable>(_ spec: String, _ body: @Sendable (RunningSimulator) async throws -> T) async throws -> T {
        let faults = try FaultSpec(parsing: spec)
        return try await withSimulator(.v3, configure: { $0.faults = faults }, body)
    }

    @Test("429 carries Retry-After, 571 clears after n requests")
    func rateLimitAndStarting() async throws {
        try await withFaults("429:n=1,retry-after=3") { (sim: RunningSimulator) async throws in
            let first = try await fetch(sim, greeks)
            #expect(first.status == 429)
            #expect(first.header("Retry-After") == "3")
            #expect(try await fetch(sim, greeks).status == 200)
        }
        try await withFaults("571:n=2") { (sim: RunningSimulator) async throws in
            #expect(try await fetch(sim, greeks).status == 571)
            #expect(try await fetch(sim, greeks).status == 571)
            #expect(try await fetch(sim, greeks).status == 200)
        }
    }

    @Test("474 turns the status DISCONNECTED for a while, then CONNECTED again")
    func disconnected() async throws {
        // A long outage for the checks made during it, so a busy machine cannot outlast it.
        try await withFaults("474:for=60s") { (sim: RunningSimulator) async throws in
            #expect(try await fetch(sim, greeks).status == 474)
            #expect(try await fetch(sim, "/v3/terminal/mdds/status").text == "DISCONNECTED")
            #expect(try await fetch(sim, greeks).status == 474)
        }
        // A short one to see it end: polled, with a generous deadline rather than a fixed sleep.
        try await withFaults("474:for=300ms") { (sim: RunningSimulator) async throws in
            #expect(try await fetch(sim, greeks).status == 474)
            let deadline = ContinuousClock.now + .seconds(30)
            var status = ""
            while ContinuousClock.now < deadline {
                status = try await fetch(sim, "/v3/terminal/mdds/status").text
                if status == "CONNECTED" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(status == "CONNECTED")
            #expect(try await fetch(sim, greeks).status == 200)
        }
    }

    @Test("570 above a size, 472 for chosen expirations")
    func sizeAndNoData() async throws {
        try await withFaults("570:above=1000;472:exp=2024-03-18") { (sim: RunningSimulator) async throws in
            #expect(try await fetch(sim, greeks).status == 570)
            let strike = SimulatedMarket(seed: 7, scale: 0.02).strikes(root: "SPXW", expiration: friday, on: friday)[0]
            #expect(try await fetch(sim, greeks + "&strike=\(Double(strike) / 1000)&right=call").status == 200)
            let monday = "/v3/option/history/greeks/first_order?symbol=SPXW&expiration=2024-03-18&date=20240315&interval=1m&strike=\(Double(strike) / 1000)&right=put"
            #expect(try await fetch(sim, monday).status == 472)
        }
    }

    @Test("reset and truncate cut the body", arguments: ["reset:n=1", "truncate:n=1"])
    func cutBodies(spec: String) async throws {
        try await withFaults(spec) { (sim: RunningSimulator) async throws in
            await #expect(throws: (any Error).self) { try await fetch(sim, greeks) }
            #expect(try await fetch(sim, greeks).status == 200)
        }
    }

    @Test("trickle slows the body but keeps it whole")
    func trickle() async throws {
        let rows = SimulatedMarket(seed: 7, scale: 0.02).rows(for: ChainRequest(root: "SPXW", expiration: friday, startDate: friday))
        let clock = ContinuousClock()
        let start = clock.now
        let answer = try await withFaults("trickle:bytes=65536,delay=20ms") { try await fetch($0, greeks) }
        let chunks = (answer.body.count + 65535) / 65536
        #expect(clock.now - start >= .milliseconds(20 * chunks))
        #expect(firstMismatch(records(parseCSV(answer.text)), rows, v3: true) == nil)
    }

    @Test("malformed rows break numbers or column counts")
    func malformed() async throws {
        let answer = try await withFaults("malformed:p=0.05") { try await fetch($0, greeks) }
        let csv = parseCSV(answer.text)
        let wrongWidth = csv.rows.filter { $0.count != csv.header.count }.count
        let badNumber = csv.rows.filter { row in row.dropFirst(5).contains { Double($0) == nil && !$0.contains("T") } }.count
        #expect(wrongWidth > 0)
        #expect(badNumber > 0)
        #expect(wrongWidth + badNumber < csv.rows.count / 5)
    }

    @Test("malformed:n=1 breaks every row of the first request only")
    func malformedFirstRequest() async throws {
        let (first, second) = try await withFaults("malformed:n=1") { sim in
            (parseCSV(try await fetch(sim, greeks).text), parseCSV(try await fetch(sim, greeks).text))
        }
        let rows = SimulatedMarket(seed: 7, scale: 0.02).rows(for: ChainRequest(root: "SPXW", expiration: friday, startDate: friday))
        #expect(firstMismatch(records(first), rows, v3: true) != nil)
        #expect(firstMismatch(records(second), rows, v3: true) == nil)
    }
}
