import TerminalSimulator
import ThetaData

/// A simulator on a free loopback port for one test, with the small chains and zero latency
/// that keep the suite fast; `configure` adds faults or changes caps.
func withSimulator<T: Sendable>(
    _ api: APIVersion, seed: UInt64 = 7, scale: Double = 0.02,
    configure: (inout SimulatorConfiguration) -> Void = { _ in },
    _ body: @Sendable (RunningSimulator) async throws -> T
) async throws -> T {
    var configuration = SimulatorConfiguration(api: api == .v3 ? .v3 : .v2, port: 0)
    configuration.seed = seed
    configuration.scale = scale
    configuration.latencyScale = 0
    configure(&configuration)
    return try await SimulatorServer.withRunning(configuration, body)
}

/// The market a simulator of `seed` and `scale` serves, for the expected rows.
func market(seed: UInt64 = 7, scale: Double = 0.02) -> SimulatedMarket { SimulatedMarket(seed: seed, scale: scale) }

/// A client of `sim` asking for `format`, with millisecond retry delays (as the loopback tests
/// use) so retries cost nothing; shut down when `body` ends, whether or not it throws.
func withClient<T: Sendable>(
    _ sim: RunningSimulator, _ format: BodyFormat, baseURL: String? = nil,
    configure: (inout ClientConfiguration) -> Void = { _ in },
    _ body: (ThetaDataClient) async throws -> T
) async throws -> T {
    var configuration = ClientConfiguration(apiVersion: format.apiVersion, baseURL: baseURL ?? sim.baseURL)
    configuration.bodyFormat = format
    configuration.retryPolicy.baseDelay = .milliseconds(1)
    configuration.retryPolicy.maxDelay = .milliseconds(5)
    configuration.retryPolicy.connectionRefusedDelay = .milliseconds(5)
    configuration.statusPollInterval = .milliseconds(5)
    configure(&configuration)
    let client = ThetaDataClient(configuration: configuration)
    do {
        let result = try await body(client)
        try await client.shutdown()
        return result
    } catch {
        try await client.shutdown()
        throw error
    }
}

/// The request text a client error names for a history call to `sim` (its URL's start).
func historyRequestPrefix(_ sim: RunningSimulator, _ version: APIVersion) -> String {
    "GET \(sim.baseURL)" + (version == .v3 ? "/v3/option/history/greeks/first_order?symbol=SPXW" : "/v2/bulk_hist/option/greeks?root=SPXW")
}
