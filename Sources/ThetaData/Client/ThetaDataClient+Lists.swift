import AsyncHTTPClient
import NIOCore

/// The Terminal's connection to ThetaData's servers (MDDS).
public enum UpstreamStatus: Sendable, Equatable {
    case connected
    case disconnected
    /// Any other answer, as sent.
    case other(String)
}

extension ThetaDataClient {
    /// Option roots (v2) or symbols (v3) the Terminal knows: `SPX`, `SPXW`, ...
    public func listRoots() async throws -> [String] {
        let url = version == .v3
            ? url("/v3/option/list/symbols", [("format", "csv")]) : url("/v2/list/roots/option", [])
        return try await listValues(url, column: version == .v3 ? "symbol" : "root")
    }

    /// Every expiration ever listed for `root`, `YYYYMMDD`, ascending.
    public func listExpirations(root: String) async throws -> [Int32] {
        let url = version == .v3
            ? url("/v3/option/list/expirations", [("symbol", root), ("format", "csv")])
            : url("/v2/list/expirations", [("root", root)])
        let values = try await listValues(url, column: "expiration")
        return try values.map { text in
            guard let date = Array(text.utf8).withUnsafeBufferPointer({ FieldParser.date($0.baseAddress!, $0.count) }) else {
                throw ThetaDataError(code: .malformedBody, request: "GET \(url)", status: 200, bodyMessage: "bad expiration \(text)")
            }
            return date
        }.sorted()
    }

    /// Whether the Terminal is connected upstream: `CONNECTED` / `DISCONNECTED` as plain text.
    public func upstreamStatus() async throws -> UpstreamStatus {
        let url = version == .v3 ? url("/v3/terminal/mdds/status", []) : url("/v2/system/mdds/status", [])
        let text = try await limiter.withPermit {
            try await get(url) { response in String(buffer: try await response.body.collect(upTo: 4096)) }
        }
        switch text.trimmingSpaces.uppercased() {
        case "CONNECTED": return .connected
        case "DISCONNECTED": return .disconnected
        default: return .other(text.trimmingSpaces)
        }
    }

    /// Polls `upstreamStatus()` until CONNECTED, for at most `statusPollLimit`.
    func waitUntilConnected() async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + configuration.statusPollLimit
        while clock.now < deadline {
            if (try? await upstreamStatus()) == .connected { return }
            try await clock.sleep(for: configuration.statusPollInterval)
        }
    }

    /// One column of a small list body (at most 64 MiB), with retries.
    func listValues(_ url: String, column: String) async throws -> [String] {
        do {
            return try await withRetries(
                policy: configuration.retryPolicy, clock: ContinuousClock(), waitForUpstream: { try await waitUntilConnected() }
            ) {
                try await limiter.withPermit {
                    try await get(url) { response in
                        let body = try await response.body.collect(upTo: 64 << 20)
                        return try ListBody.values(Array(body.readableBytesView), column: column, version: version)
                    }
                }
            }
        } catch let error as ThetaDataError where error.code == .noData {
            return []
        }
    }
}
