import Foundation

#if canImport(Glibc)
import Glibc
private let systemConnect = Glibc.connect
// A Terminal that closes early must not kill us with SIGPIPE.
private let sendFlags = Int32(MSG_NOSIGNAL)
#elseif canImport(Darwin)
import Darwin
private let systemConnect = Darwin.connect
private let sendFlags: Int32 = 0  // SO_NOSIGPIPE is set on the socket instead
#endif

/// A minimal blocking HTTP/1.1 GET: connect with a deadline, send the request with
/// `Connection: close`, read to end of stream, parse the status line and body (plain or
/// chunked). Enough for the Terminal's status endpoint; not a general client.
enum HTTPGet {
    struct Response: Equatable {
        var statusCode: Int
        var body: String
    }

    enum Failure: Error, Equatable {
        /// ECONNREFUSED: nothing listens.
        case refused
        case other(String)
    }

    static func perform(host: String, port: Int, path: String, timeout: Duration) -> Result<Response, Failure> {
        let deadline = ContinuousClock.now + timeout
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            return .failure(.other("cannot resolve host \(host)"))
        }
        defer { freeaddrinfo(list) }
        var lastFailure = Failure.other("no address for \(host)")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            switch connect(address.pointee, deadline: deadline) {
            case .failure(let failure):
                lastFailure = failure
            case .success(let fd):
                defer { close(fd) }
                return exchange(fd: fd, host: host, port: port, path: path, deadline: deadline)
            }
        }
        return .failure(lastFailure)
    }

    /// Non-blocking connect, then poll until the deadline, so a filtered port cannot hang us.
    private static func connect(_ address: addrinfo, deadline: ContinuousClock.Instant) -> Result<Int32, Failure> {
        let fd = socket(address.ai_family, address.ai_socktype, address.ai_protocol)
        guard fd >= 0 else { return .failure(.other("socket: \(String(cString: strerror(errno)))")) }
        let flags = fcntl(fd, F_GETFL, 0)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        #if canImport(Darwin)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        if systemConnect(fd, address.ai_addr, address.ai_addrlen) != 0 {
            if errno == ECONNREFUSED { close(fd); return .failure(.refused) }
            guard errno == EINPROGRESS else {
                let reason = String(cString: strerror(errno))
                close(fd)
                return .failure(.other("connect: \(reason)"))
            }
            guard wait(fd: fd, for: Int16(POLLOUT), until: deadline) else {
                close(fd)
                return .failure(.other("connect timed out"))
            }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
            if error == ECONNREFUSED { close(fd); return .failure(.refused) }
            if error != 0 { close(fd); return .failure(.other("connect: \(String(cString: strerror(error)))")) }
        }
        return .success(fd)
    }

    private static func exchange(fd: Int32, host: String, port: Int, path: String,
                                 deadline: ContinuousClock.Instant) -> Result<Response, Failure> {
        let request = Array("GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nAccept: */*\r\nConnection: close\r\n\r\n".utf8)
        var sent = 0
        while sent < request.count {
            guard wait(fd: fd, for: Int16(POLLOUT), until: deadline) else { return .failure(.other("sending timed out")) }
            let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, sendFlags) }
            if n < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                return .failure(.other("send: \(String(cString: strerror(errno)))"))
            }
            sent += n
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.count < maximumBytes {
            guard wait(fd: fd, for: Int16(POLLIN), until: deadline) else { return .failure(.other("no answer before the timeout")) }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { break }
            if n < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                if errno == ECONNRESET, received.isEmpty { return .failure(.other("connection reset")) }
                break
            }
            received += buffer[0..<n]
        }
        return parse(received)
    }

    private static var maximumBytes: Int { SocketTerminalProbe.maximumResponseBytes }

    /// Polls one descriptor; false when the deadline passes first.
    private static func wait(fd: Int32, for events: Int16, until deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return false }
            let ms = Int32(clamping: remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1)
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&descriptor, 1, ms)
            if ready > 0 { return true }
            if ready < 0, errno != EINTR { return true }  // let the following call report the error
        }
    }

    static func parse(_ bytes: [UInt8]) -> Result<Response, Failure> {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = bytes.firstRange(of: separator) else {
            return .failure(.other(bytes.isEmpty ? "connection closed without an answer" : "malformed HTTP answer"))
        }
        let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/"), let code = Int(statusParts[1]) else {
            return .failure(.other("malformed status line '\(lines[0].prefix(80))'"))
        }
        let chunked = lines.dropFirst().contains { $0.lowercased().hasPrefix("transfer-encoding:") && $0.lowercased().contains("chunked") }
        var body = Array(bytes[end.upperBound...])
        if chunked { body = dechunk(body) }
        return .success(Response(statusCode: code, body: String(decoding: body, as: UTF8.self)))
    }

    private static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard let lineEnd = bytes[index...].firstRange(of: [13, 10]) else { break }
            let sizeText = String(decoding: bytes[index..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size > 0 else { break }
            let start = lineEnd.upperBound
            let stop = min(start + size, bytes.count)
            output += bytes[start..<stop]
            index = stop + 2
        }
        return output
    }
}
