import Hummingbird
import Logging
import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A running simulator, as a test or a benchmark sees it.
public struct RunningSimulator: Sendable {
    /// The port it listens on (the real one when the configuration asked for 0).
    public let port: Int
    let gate: ConcurrencyGate
    let cache: BodyCache
    let faults: FaultCounter

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The most requests that ran at once so far; never above the configured concurrency.
    public func peakConcurrency() async -> Int { await gate.peak }

    /// Bytes of bodies held to answer repeated requests.
    public var cachedBytes: Int { cache.bytesHeld }

    /// Requests running now (queued ones not counted), so tests can see a cancelled client's
    /// request end on the server too.
    public func inFlight() async -> Int { await gate.running }

    /// The faults injected so far by kind, every kind present (0 when never injected); what
    /// `GET /simulator/faults` answers.
    public func injectedFaults() -> [FaultSpec.Kind: Int] { faults.snapshot() }
}

/// The simulated Terminal's HTTP server, bound to 127.0.0.1 only.
public enum SimulatorServer {
    /// Runs the simulator until `body` returns, then stops it.
    /// - Throws: the bind error when the port is taken, or what `body` throws.
    public static func withRunning<T: Sendable>(
        _ configuration: SimulatorConfiguration,
        _ body: @Sendable (RunningSimulator) async throws -> T
    ) async throws -> T {
        let gate = ConcurrencyGate(limit: configuration.concurrency, queueLimit: configuration.queueLimit)
        let cache = BodyCache(budget: configuration.bodyCacheBytes)
        let faults = FaultCounter()
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = application(configuration, gate: gate, cache: cache, faults: faults) { continuation.yield($0) }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await app.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await group.next()
                throw CancellationError()
            }
            defer { group.cancelAll() }
            return try await body(RunningSimulator(port: port, gate: gate, cache: cache, faults: faults))
        }
    }

    /// Runs the simulator until SIGINT or SIGTERM; `onReady` gets the bound port.
    public static func run(_ configuration: SimulatorConfiguration, onReady: @escaping @Sendable (Int) -> Void) async throws {
        let gate = ConcurrencyGate(limit: configuration.concurrency, queueLimit: configuration.queueLimit)
        do {
            let cache = BodyCache(budget: configuration.bodyCacheBytes)
            try await application(configuration, gate: gate, cache: cache, faults: FaultCounter(), onReady: onReady).runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw SimulatorError(port: configuration.port)
        }
    }

    static func application(_ configuration: SimulatorConfiguration, gate: ConcurrencyGate, cache: BodyCache,
                            faults: FaultCounter, onReady: @escaping @Sendable (Int) -> Void) -> some ApplicationProtocol {
        let responder = SimulatorResponder(
            market: SimulatedMarket(seed: configuration.seed, scale: configuration.scale, behaviours: configuration.behaviours),
            configuration: configuration, state: SimulatorState(configuration: configuration, counter: faults), gate: gate,
            cache: cache)
        var logger = Logger(label: "ThetaTerminal-simulator")
        logger.logLevel = configuration.logsServerEvents ? .info : .critical
        return Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: configuration.port), serverName: "ThetaTerminal-simulator"),
            onServerRunning: { channel in onReady(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }
}
