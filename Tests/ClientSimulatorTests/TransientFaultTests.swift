import Testing
import TerminalSimulator
import ThetaData

/// The statuses the policy retries: 429 (after Retry-After), 474 (after the status endpoint
/// says CONNECTED again) and 571; then what the caller sees when the retries run out.
@Suite("Client retries the simulator's transient refusals")
struct TransientFaultTests {
    let ask = HistoryAsk()

    func faults(_ spec: String) throws -> (inout SimulatorConfiguration) -> Void {
        let faults = try FaultSpec(parsing: spec)
        return { $0.faults = faults }
    }

    @Test("429 with Retry-After: waited for at least Retry-After, then the full rows", arguments: BodyFormat.allCases)
    func rateLimited(format: BodyFormat) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let got = try await withSimulator(format.apiVersion, configure: try faults("429:n=1,retry-after=1")) { sim in
            try await withClient(sim, format) { try await $0.collect(ask) }
        }
        // The jittered backoff is at most 5 ms here, so only Retry-After explains a 1 s wait.
        #expect(clock.now - start >= .seconds(1))
        #expect(got.summary.requests == 2)
        #expect(got.rows == ask.served(by: market(), in: format.apiVersion))
    }

    @Test("474 outage: the client polls the status until CONNECTED, then succeeds", arguments: APIVersion.allCases)
    func outage(version: APIVersion) async throws {
        let format: BodyFormat = version == .v3 ? .v3CSV : .v2JSON
        // Retries alone (8 tries, ≤ 5 ms apart) would all land inside the 400 ms outage and
        // fail; two requests in all means the client waited for the status to clear.
        let got = try await withSimulator(version, configure: try faults("474:for=400ms")) { sim in
            try await withClient(sim, format) { try await $0.collect(ask) }
        }
        #expect(got.summary.requests == 2)
        #expect(got.rows == ask.served(by: market(), in: version))
    }

    @Test("571 twice: retried, the third request succeeds")
    func serverStarting() async throws {
        let got = try await withSimulator(.v3, configure: try faults("571:n=2")) { sim in
            try await withClient(sim, .v3NDJSON) { try await $0.collect(ask) }
        }
        #expect(got.summary.requests == 3)
        #expect(got.rows == ask.served(by: market(), in: .v3))
    }

    /// A refusal that never clears, and what the client must report once it stops retrying.
    struct Persistent: Sendable, CustomStringConvertible {
        var spec: String
        var code: ThetaDataError.Code
        var status: Int
        var message: String
        var description: String { spec }
    }

    @Test("retries exhausted: the error carries code, request, status, the Terminal's message and a remedy",
          arguments: [APIVersion.v3, .v2], [
            Persistent(spec: "429:retry-after=0", code: .rateLimited, status: 429,
                       message: "Too many requests; the request queue is full."),
            Persistent(spec: "571", code: .serverStarting, status: 571, message: "The server is starting; try again shortly."),
          ])
    func exhausted(version: APIVersion, fault: Persistent) async throws {
        let format: BodyFormat = version == .v3 ? .v3CSV : .v2CSV
        try await withSimulator(version, configure: try faults(fault.spec)) { sim in
            let error = try await #require(throws: ThetaDataError.self) {
                try await withClient(sim, format, configure: { $0.retryPolicy.maxAttempts = 3 }) { try await $0.collect(ask) }
            }
            #expect(error.code == fault.code)
            #expect(error.status == fault.status)
            #expect(error.bodyMessage == fault.message)
            #expect(error.request.hasPrefix(historyRequestPrefix(sim, version)))
            #expect(!error.remediation.isEmpty && error.remediation == fault.code.remediation)
            #expect(error.description.contains(fault.message) && error.description.hasSuffix(error.remediation))
        }
    }
}
