import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real HTTP server on 127.0.0.1 and an ephemeral port, answering every connection with one
/// canned response (or holding it open silently), on its own thread. Good enough to exercise
/// the probe's socket code end to end.
final class LoopbackHTTPServer: @unchecked Sendable {
    // @unchecked: `listener` and `port` are written once in init; `seenRequests` is guarded by `lock`.
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var seenRequests: [String] = []
    private let finished = DispatchSemaphore(value: 0)

    enum Behaviour: Sendable {
        case respond(String)
        /// Accept, read the request, never answer.
        case stall
    }

    var requests: [String] { lock.withLock { seenRequests } }

    init(_ behaviour: Behaviour) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in serve(behaviour) }
        thread.start()
    }

    private func serve(_ behaviour: Behaviour) {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                // Closed here, not in stop(): a descriptor closed under a blocked accept could be
                // reused by another test's server while this thread still accepts on its number.
                close(listener)
                finished.signal()
                return
            }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            let request = String(decoding: buffer[0..<max(n, 0)], as: UTF8.self)
            lock.withLock { seenRequests.append(request) }
            switch behaviour {
            case .respond(let text):
                let bytes = Array(text.utf8)
                _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, 0) }
                close(client)
            case .stall:
                Thread.sleep(forTimeInterval: 2)
                close(client)
            }
        }
    }

    /// Stops accepting and waits until the port is released.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        finished.wait()
    }

    /// A port on which nothing listens: bound, then released.
    static func closedPort() throws -> Int {
        let server = try LoopbackHTTPServer(.stall)
        server.stop()
        return server.port
    }

    static func plain(_ status: String, _ body: String) -> String {
        "HTTP/1.1 \(status)\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
    }
}
