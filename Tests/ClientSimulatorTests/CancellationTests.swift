import Testing
import TerminalSimulator
import ThetaData

@Suite("Cancelling a history request ends it on the simulator too")
struct CancellationTests {
    /// Polls `inFlight` every 10 ms until it equals `count`, for at most `polls` polls.
    func waitForInFlight(_ sim: RunningSimulator, _ count: Int, polls: Int = 300) async -> Bool {
        for _ in 0..<polls {
            if await sim.inFlight() == count { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    @Test("cancelled mid-body: the task ends with CancellationError and the connection is closed",
          arguments: [BodyFormat.v3CSV, .v2JSON])
    func cancelMidBody(format: BodyFormat) async throws {
        // 512 bytes every 20 ms: the body would take minutes, so only a closed connection
        // frees the simulator's slot in time.
        let faults = try FaultSpec(parsing: "trickle:bytes=512,delay=20ms")
        try await withSimulator(format.apiVersion, configure: { $0.faults = faults }) { sim in
            try await withClient(sim, format) { client in
                let task = Task { try await client.collect(HistoryAsk()) }
                #expect(await waitForInFlight(sim, 1), "the request never reached the simulator")
                task.cancel()
                let result = await task.result
                #expect(throws: CancellationError.self) { try result.get() }
                #expect(await waitForInFlight(sim, 0), "the simulator is still sending the cancelled body")
            }
        }
    }
}
