import Testing
import TerminalSimulator
import ThetaData

/// Failures of reaching the Terminal at all: a second host spelling (476) and nothing
/// listening (connection refused). Neither is worth retrying for long.
@Suite("Client reports wrong-host and refused connections")
struct ConnectionFaultTests {
    @Test("476: after 127.0.0.1, a request via localhost is refused at once with the one-host remedy",
          arguments: APIVersion.allCases)
    func wrongHost(version: APIVersion) async throws {
        let format: BodyFormat = version == .v3 ? .v3CSV : .v2JSON
        try await withSimulator(version) { sim in
            let roots = try await withClient(sim, format) { try await $0.listRoots() }
            #expect(roots == SimulatedMarket.roots)
            let error = try await #require(throws: ThetaDataError.self) {
                try await withClient(sim, format, baseURL: "http://localhost:\(sim.port)") { try await $0.collect(HistoryAsk()) }
            }
            #expect(error.code == .wrongIP && error.status == 476)
            #expect(error.bodyMessage.contains("one host name") && error.bodyMessage.contains("localhost"))
            #expect(error.request.hasPrefix("GET http://localhost:\(sim.port)/"))
            #expect(error.remediation.contains("one host spelling"))
            // The first spelling still works: the pin is per host, not a broken session.
            let again = try await withClient(sim, format) { try await $0.collect(HistoryAsk()) }
            #expect(again.rows == HistoryAsk().served(by: market(), in: version))
        }
    }

    @Test("nothing listening: a few retries, then connectionRefused with the start-the-Terminal remedy")
    func refused() async throws {
        // A port a simulator listened on a moment ago, closed now that it has stopped.
        let port = try await withSimulator(.v3) { $0.port }
        var configuration = ClientConfiguration(apiVersion: .v3, baseURL: "http://127.0.0.1:\(port)")
        configuration.retryPolicy.connectionRefusedDelay = .milliseconds(5)
        // The HTTP client's pool retries a refused connect until the connect timeout before it
        // reports the refusal, so each of the policy's tries lasts that long.
        configuration.connectTimeout = .milliseconds(100)
        let client = ThetaDataClient(configuration: configuration)
        let error = await #expect(throws: ThetaDataError.self) {
            _ = try await client.history(dataset: .greeks, root: "SPXW", expiration: 2024_03_15, date: 2024_03_15) { _ in }
        }
        try await client.shutdown()
        #expect(error?.code == .connectionRefused && error?.status == nil)
        #expect(error?.request.hasPrefix("GET http://127.0.0.1:\(port)/v3/option/history/greeks/first_order?") == true)
        #expect(error?.remediation.contains("Start the Theta Terminal") == true)
    }
}
