import ArgumentParser
import Foundation
import MarketCalendar
import TerminalSimulator

struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a local ThetaData Terminal simulator (v3 or v2) with deterministic SPX chains.",
        discussion: """
            Serves the Terminal's paths, parameters, formats and status codes on 127.0.0.1 until \
            SIGINT or SIGTERM, and prints its base URL. Data is a pure function of --seed, symbol \
            and date; non-sessions answer 472. --scale 1.0 is a full day (over 10 million SPX and \
            SPXW one-minute greeks rows); smaller values shrink strikes and expirations.

            History: greeks first, second and third order, quote and OHLC per interval; open \
            interest and end of day once per contract and session (v3 /v3/option/history/..., v2 \
            /v2/bulk_hist/option/...). A v3 simulator answers any /v2/ path with 410 GONE, and \
            v2's ivl parameter with 410 "ivl -> interval"; no data is 472 "No data found for your \
            request".

            Behaviours of live Terminals, off by default, part of the market (same rows every \
            time): --quiet-share serves that share of interval rows without a quote (bid = ask = \
            0, sizes 0; greeks 0, implied_vol 0.25, iv_error 100); --first-bar-previous-close \
            prices each session's 09:30 greeks interval off the previous session's close (its \
            underlying time is that close plus a few seconds: a full date-time in v3, a time of \
            day only in v2's ms_of_day2).

            --faults grammar:
            \(FaultSpec.grammar)

            GET /simulator/faults answers the faults injected so far by kind, as JSON \
            ({"429":3,"474":0,...}): each refusal, cut, trickled or header-only body once, \
            each malformed row once.

            Examples:
              spx-data simulate --api v3
              spx-data simulate --api v2 --port 25510 --scale 0.1 --faults '429:p=0.1;trickle:bytes=64,delay=10ms'
              spx-data simulate --today 2024-03-15 --quiet-share 0.05 --faults '403:before=2020-01-01;400'
            """)

    @Option(help: "API version to simulate: v3 or v2.")
    var api: String = "v3"

    @Option(help: "Port on 127.0.0.1 (default 25503 for v3, 25510 for v2; 0 picks a free one).")
    var port: Int?

    @Option(help: "Seed of the simulated market.")
    var seed: UInt64 = 1

    @Option(help: "Chain size: 1.0 is a full day.")
    var scale: Double = 1.0

    @Option(help: "Faults to inject (grammar above).")
    var faults: String = ""

    @Option(help: "Multiplies each endpoint's p90 latency (0 answers at once).")
    var latencyScale: Double = 0

    @Option(help: "Requests served at once (tier cap: FREE 1, VALUE 2, STANDARD 4, PRO 8).")
    var concurrency: Int = 4

    @Option(help: "v2 rows per page (HTTP_TICK_LIM).")
    var tickLimit: Int = 500_000

    @Option(help: "Megabytes of fault-free bodies kept to answer repeated requests from memory (0 keeps none).")
    var cacheMb: Int = 256

    @Option(help: "The Terminal's today, YYYY-MM-DD (default 2026-06-30): listings reach it; 400 refuses it on.")
    var today: String?

    @Option(help: "Share of interval rows, 0 to 1, served without a quote (0: none).")
    var quietShare: Double = 0

    @Flag(help: "Price each session's first greeks interval off the previous session's close.")
    var firstBarPreviousClose = false

    func validate() throws {
        guard TerminalAPI(rawValue: api) != nil else { throw ValidationError("--api must be v3 or v2, not '\(api)'") }
        guard scale > 0, scale <= 4 else { throw ValidationError("--scale must be above 0 and at most 4, not \(scale)") }
        guard latencyScale >= 0 else { throw ValidationError("--latency-scale must not be negative") }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard tickLimit >= 1 else { throw ValidationError("--tick-limit must be at least 1") }
        guard (0...65_536).contains(cacheMb) else {
            throw ValidationError("--cache-mb must be 0 to 65536 megabytes, not \(cacheMb); 0 turns the cache off")
        }
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be 0 to 65535, not \(port)") }
        guard (0...1).contains(quietShare) else {
            throw ValidationError("--quiet-share must be a share from 0 to 1, not \(quietShare)")
        }
        if let today, CivilDate(today) == nil {
            throw ValidationError("--today must be a date as YYYY-MM-DD, not '\(today)'")
        }
        do { _ = try FaultSpec(parsing: faults) } catch { throw ValidationError("--faults: \(error)") }
    }

    func run() async throws {
        var configuration = SimulatorConfiguration(api: TerminalAPI(rawValue: api)!, port: port)
        configuration.seed = seed
        configuration.scale = scale
        configuration.faults = try FaultSpec(parsing: faults)
        configuration.latencyScale = latencyScale
        configuration.concurrency = concurrency
        configuration.tickLimit = tickLimit
        configuration.bodyCacheBytes = cacheMb << 20
        configuration.behaviours = SimulatedMarket.Behaviours(
            quietShare: quietShare, firstBarUsesPreviousClose: firstBarPreviousClose)
        if let today, let date = CivilDate(today) { configuration.today = date }
        do {
            try await SimulatorServer.run(configuration) { port in
                // Unbuffered, so a script waiting for the URL sees it at once.
                writeOut("http://127.0.0.1:\(port)\n")
            }
        } catch let error as SimulatorError {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
