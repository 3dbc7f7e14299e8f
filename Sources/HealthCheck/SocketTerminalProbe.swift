import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Probes the Terminal with one blocking HTTP/1.1 GET over a POSIX socket. The Terminal is a
/// local process, so a refused connection comes back at once; the timeout bounds only a
/// Terminal that accepts and then stalls. Plain http only, as the Terminal serves.
public struct SocketTerminalProbe: TerminalProbe {
    /// Answers larger than this are cut: the status body is a single word.
    static let maximumResponseBytes = 64 * 1024

    public init() {}

    public func status(baseURL: String, apiVersion: String, timeout: Duration) -> TerminalStatus {
        guard let components = URLComponents(string: baseURL), components.scheme?.lowercased() == "http",
              let host = components.host, let port = components.port
        else { return .unreachable(reason: "base URL \(baseURL) is not http://host:port") }
        let path = Self.statusPath(apiVersion: apiVersion)
        switch HTTPGet.perform(host: host, port: port, path: path, timeout: timeout) {
        case .failure(.refused):
            return .notRunning
        case .failure(.other(let reason)):
            return .unreachable(reason: reason)
        case .success(let response):
            let body = response.body.trimmingCharacters(in: CharacterSet(charactersIn: "\"' \r\n\t"))
            guard response.statusCode == 200 else { return .unexpected(statusCode: response.statusCode, body: String(body.prefix(200))) }
            return body.uppercased() == "CONNECTED" ? .connected : .disconnected(answer: String(body.prefix(200)))
        }
    }
}
