import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A `spx-data simulate` child process, stopped with SIGTERM at the end of the test.
final class SimulatorProcess {
    let process = Process()
    private let out = Pipe()
    private let err = Pipe()

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["simulate"] + arguments
        process.standardOutput = out
        process.standardError = err
        try process.run()
    }

    private var url: String?

    /// The first line the simulator prints: its base URL once it listens (read once, kept).
    func baseURL() -> String {
        if let url { return url }
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let more = out.fileHandleForReading.availableData
            if more.isEmpty { break }
            line.append(more)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        url = text
        return text
    }

    /// Sends SIGTERM and returns the exit status and standard error.
    func stop() -> (status: Int32, stderr: String) {
        process.terminate()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errData, as: UTF8.self))
    }
}

func get(_ url: String) async throws -> (status: Int, body: String) {
    let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
}

@Suite("spx-data simulate", .serialized)
struct SimulateCommandTests {
    @Test("serves the asked API on the printed loopback URL and stops cleanly on SIGTERM")
    func servesAndStops() async throws {
        let v2 = try SimulatorProcess(["--api", "v2", "--port", "0", "--scale", "0.01", "--seed", "3"])
        let base = v2.baseURL()
        #expect(base.hasPrefix("http://127.0.0.1:"))
        let status = try await get(base + "/v2/system/mdds/status")
        let roots = try await get(base + "/v2/list/roots/option?use_csv=true")
        let v3Path = try await get(base + "/v3/terminal/mdds/status")
        let stopped = v2.stop()
        #expect(status.status == 200 && status.body == "CONNECTED")
        #expect(roots.body.split(separator: "\n").contains("SPXW"))
        #expect(v3Path.status == 404)
        #expect(stopped.status == 0, "\(stopped.stderr)")
    }

    @Test("the same seed serves the same bytes; another seed does not")
    func seedDecidesTheData() async throws {
        let path = "/v3/option/history/greeks/first_order?symbol=SPXW&expiration=20240315&date=20240315&interval=30m"
        var bodies: [String] = []
        for seed in ["5", "5", "6"] {
            let sim = try SimulatorProcess(["--port", "0", "--scale", "0.01", "--seed", seed])
            bodies.append(try await get(sim.baseURL() + path).body)
            _ = sim.stop()
        }
        #expect(bodies[0].count > 1000)
        #expect(bodies[0] == bodies[1])
        #expect(bodies[0] != bodies[2])
    }

    @Test("--faults are applied: 571 for the first request, then data")
    func faultsApplied() async throws {
        let sim = try SimulatorProcess(["--port", "0", "--scale", "0.01", "--faults", "571:n=1"])
        let path = sim.baseURL() + "/v3/option/history/greeks/first_order?symbol=SPXW&expiration=20240315&date=20240315&interval=1h"
        let first = try await get(path), second = try await get(path)
        _ = sim.stop()
        #expect(first.status == 571)
        #expect(second.status == 200 && second.body.hasPrefix("symbol,expiration,strike,right,timestamp"))
    }

    @Test("a port in use exits 1 naming the port and the fix")
    func portInUse() throws {
        let first = try SimulatorProcess(["--port", "0", "--scale", "0.01"])
        let port = try #require(first.baseURL().split(separator: ":").last.map(String.init))
        let second = try CLI.run(["simulate", "--port", port])
        _ = first.stop()
        #expect(second.status == 1)
        #expect(second.stderr.contains("port \(port)") && second.stderr.contains("--port"))
    }

    @Test("bad options exit 64 naming the value and the fix", arguments: [
        (["--api", "v4"], "--api must be v3 or v2, not 'v4'"),
        (["--scale", "0"], "--scale must be above 0"),
        (["--port", "70000"], "--port must be 0 to 65535, not 70000"),
        (["--cache-mb=-1"], "--cache-mb must be 0 to 65536"),
        (["--faults", "429:p=2"], "429:p=2"),
        (["--faults", "teapot"], "KIND := 429"),
    ])
    func badOptions(arguments: [String], message: String) throws {
        let result = try CLI.run(["simulate"] + arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
