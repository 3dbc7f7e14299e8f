/// What the Terminal's market-data status endpoint said, or why it could not say anything.
public enum TerminalStatus: Sendable, Equatable {
    /// The Terminal answered `CONNECTED`: it is logged in to ThetaData's servers.
    case connected
    /// The Terminal runs but answered something else (`DISCONNECTED`, ...): requests would fail with 474.
    case disconnected(answer: String)
    /// Nothing listens on the port: the connection was refused.
    case notRunning
    /// The connection or the answer did not complete (timeout, reset, unknown host).
    case unreachable(reason: String)
    /// The Terminal answered with an HTTP error status (e.g. 404 from the wrong API version).
    case unexpected(statusCode: Int, body: String)

    public var isHealthy: Bool { self == .connected }

    /// A one-line state for tables: `connected`, `disconnected`, `not running`, `unreachable`, `error`.
    public var label: String {
        switch self {
        case .connected: "connected"
        case .disconnected: "disconnected"
        case .notRunning: "not running"
        case .unreachable: "unreachable"
        case .unexpected: "error"
        }
    }

    /// What the state means and how to fix it, for `health`.
    public func explanation(baseURL: String, apiVersion: String) -> String {
        switch self {
        case .connected:
            "Terminal at \(baseURL) is connected to ThetaData"
        case .disconnected(let answer):
            "Terminal at \(baseURL) is running but not connected to ThetaData (it answered '\(answer)'). "
                + "Fix: check the Terminal's console for login or network errors; it reconnects by itself, or restart it"
        case .notRunning:
            "Terminal not running: connection to \(baseURL) refused. "
                + "Fix: start the Theta Terminal (\(apiVersion)), or set thetadata.baseUrl to where it listens"
        case .unreachable(let reason):
            "Terminal at \(baseURL) did not answer (\(reason)). "
                + "Fix: check thetadata.baseUrl and that the Terminal is not stuck; restart it if needed"
        case .unexpected(let code, let body):
            "Terminal at \(baseURL) answered HTTP \(code)\(body.isEmpty ? "" : " '\(body)'"). "
                + "Fix: check thetadata.apiVersion (\(apiVersion)) matches the Terminal's version"
        }
    }
}

/// Asks a Terminal whether it is connected upstream. A small protocol so that the full
/// ThetaData client can take over later and tests can point it at a real loopback server.
public protocol TerminalProbe: Sendable {
    /// - Parameters:
    ///   - baseURL: e.g. `http://127.0.0.1:25503`.
    ///   - apiVersion: `v3` (asks `/v3/terminal/mdds/status`) or `v2` (`/v2/system/mdds/status`).
    ///   - timeout: bound on connecting and on the whole exchange.
    func status(baseURL: String, apiVersion: String, timeout: Duration) -> TerminalStatus
}

extension TerminalProbe {
    /// The status path of an API version.
    public static func statusPath(apiVersion: String) -> String {
        apiVersion == "v2" ? "/v2/system/mdds/status" : "/v3/terminal/mdds/status"
    }
}
