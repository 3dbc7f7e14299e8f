import Testing
import TerminalSimulator
import ThetaData

/// The client's limiter keeps requests in flight at its cap; when the Terminal's cap is lower
/// and its queue short, the 429s it answers are retried until every request succeeds.
@Suite("Client concurrency against the simulator's cap")
struct ConcurrencyCapTests {
    let ask = HistoryAsk()

    /// Runs `count` copies of `ask` at once through `client`.
    func concurrently(_ count: Int, _ client: ThetaDataClient) async throws -> [Collected] {
        try await withThrowingTaskGroup(of: Collected.self) { group in
            for _ in 0..<count { group.addTask { try await client.collect(ask) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    // Both tests add ~60 ms of simulated latency so that concurrent requests overlap at the
    // simulator; with none, each would finish before the next arrived and no cap would bind.

    @Test("12 requests through maxConcurrentRequests = 2: the simulator never sees more than 2")
    func clientCap() async throws {
        let (results, peak) = try await withSimulator(.v3, configure: { $0.concurrency = 8; $0.latencyScale = 0.02 }) { sim in
            let results = try await withClient(sim, .v3CSV, configure: { $0.maxConcurrentRequests = 2 }) {
                try await concurrently(12, $0)
            }
            return (results, await sim.peakConcurrency())
        }
        let served = ask.served(by: market(), in: .v3)
        #expect(results.count == 12 && results.allSatisfy { $0.rows == served })
        #expect(peak <= 2 && peak > 0)
    }

    @Test("simulator cap 2 with a queue of 1 under a client cap of 6: 429s retried until all succeed")
    func simulatorCap() async throws {
        let (results, peak) = try await withSimulator(.v3, configure: {
            $0.concurrency = 2; $0.queueLimit = 1; $0.latencyScale = 0.02
        }) { sim in
            let results = try await withClient(sim, .v3CSV, configure: { $0.maxConcurrentRequests = 6 }) {
                try await concurrently(8, $0)
            }
            return (results, await sim.peakConcurrency())
        }
        let served = ask.served(by: market(), in: .v3)
        #expect(results.count == 8 && results.allSatisfy { $0.rows == served })
        #expect(results.reduce(0) { $0 + $1.summary.requests } > 8, "no request was refused with 429")
        #expect(peak <= 2)
    }
}
