import Foundation
import HealthCheck
import Testing

@Suite("Terminal probe against a loopback HTTP server")
struct TerminalProbeTests {
    let probe = SocketTerminalProbe()

    @Test("CONNECTED from v3 is healthy, and the v3 path was asked")
    func connectedV3() throws {
        let server = try LoopbackHTTPServer(.respond(LoopbackHTTPServer.plain("200 OK", "CONNECTED")))
        defer { server.stop() }
        let status = probe.status(baseURL: "http://127.0.0.1:\(server.port)", apiVersion: "v3", timeout: .seconds(2))
        #expect(status == .connected)
        #expect(server.requests.first?.hasPrefix("GET /v3/terminal/mdds/status HTTP/1.1\r\n") == true)
    }

    @Test("DISCONNECTED from v2 means running but disconnected, and the v2 path was asked")
    func disconnectedV2() throws {
        let server = try LoopbackHTTPServer(.respond(LoopbackHTTPServer.plain("200 OK", "DISCONNECTED\n")))
        defer { server.stop() }
        let status = probe.status(baseURL: "http://127.0.0.1:\(server.port)", apiVersion: "v2", timeout: .seconds(2))
        #expect(status == .disconnected(answer: "DISCONNECTED"))
        #expect(server.requests.first?.hasPrefix("GET /v2/system/mdds/status ") == true)
        #expect(status.explanation(baseURL: "x", apiVersion: "v2").contains("running but not connected"))
    }

    @Test("a chunked answer is decoded")
    func chunked() throws {
        let response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nCONN\r\n5\r\nECTED\r\n0\r\n\r\n"
        let server = try LoopbackHTTPServer(.respond(response))
        defer { server.stop() }
        #expect(probe.status(baseURL: "http://127.0.0.1:\(server.port)", apiVersion: "v3", timeout: .seconds(2)) == .connected)
    }

    @Test("a refused connection is 'not running', at once, with the start-the-Terminal fix")
    func notRunning() throws {
        let port = try LoopbackHTTPServer.closedPort()
        let start = ContinuousClock.now
        let status = probe.status(baseURL: "http://127.0.0.1:\(port)", apiVersion: "v3", timeout: .seconds(5))
        #expect(status == .notRunning)
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(status.explanation(baseURL: "http://127.0.0.1:\(port)", apiVersion: "v3").contains("start the Theta Terminal"))
    }

    @Test("a Terminal that accepts and never answers is unreachable after the timeout")
    func stalls() throws {
        let server = try LoopbackHTTPServer(.stall)
        defer { server.stop() }
        let start = ContinuousClock.now
        let status = probe.status(baseURL: "http://127.0.0.1:\(server.port)", apiVersion: "v3", timeout: .milliseconds(300))
        #expect(status == .unreachable(reason: "no answer before the timeout"))
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test("an HTTP error status is reported with its code")
    func httpError() throws {
        let server = try LoopbackHTTPServer(.respond(LoopbackHTTPServer.plain("404 Not Found", "No such path")))
        defer { server.stop() }
        let status = probe.status(baseURL: "http://127.0.0.1:\(server.port)", apiVersion: "v2", timeout: .seconds(2))
        #expect(status == .unexpected(statusCode: 404, body: "No such path"))
        #expect(!status.isHealthy)
    }

    @Test("a base URL that is not http://host:port is refused without connecting")
    func badURL() {
        #expect(probe.status(baseURL: "https://example.com", apiVersion: "v3", timeout: .seconds(1)) != .connected)
    }
}

@Suite("Disk space")
struct DiskSpaceTests {
    @Test("a missing directory is measured through its nearest existing ancestor")
    func missingDirectory() throws {
        let space = try #require(DiskSpace.of(NSTemporaryDirectory() + "no/such/dir/\(UUID().uuidString)"))
        #expect(space.totalBytes > 0 && space.availableBytes <= space.totalBytes)
        #expect(FileManager.default.fileExists(atPath: space.measuredPath))
        #expect(space.hasAtLeast(0))
        #expect(!space.hasAtLeast(UInt64.max))
    }
}
