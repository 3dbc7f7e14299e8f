import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// The Theta Terminal's REST API, v3 or v2, with one request limiter per process.
///
/// Every request runs under a permit of `limiter`, with a connect timeout, an idle read
/// timeout and a deadline on the whole request; cancelling the calling task cancels the
/// request and closes its connection. Call `shutdown()` when done.
public final class ThetaDataClient: Sendable {
    public let configuration: ClientConfiguration
    public let limiter: RequestLimiter
    let http: HTTPClient

    /// - Parameter limiter: share one between clients of the same Terminal; by default the
    ///   client makes its own of `maxConcurrentRequests` permits.
    public init(configuration: ClientConfiguration, limiter: RequestLimiter? = nil) {
        self.configuration = configuration
        self.limiter = limiter ?? RequestLimiter(limit: configuration.maxConcurrentRequests)
        var http = HTTPClient.Configuration(
            timeout: .init(
                connect: TimeAmount(configuration.connectTimeout), read: TimeAmount(configuration.readTimeout)))
        http.connectionPool = .init(
            idleTimeout: .seconds(60),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, configuration.maxConcurrentRequests))
        // A refused connection fails the try at once and our retry policy decides (a few
        // tries, seconds apart). Left on, the pool itself retried until the connect timeout,
        // so a Terminal that is down cost that timeout per try, under every policy.
        http.connectionPool.retryConnectionEstablishment = false
        http.httpVersion = .http1Only
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)
    }

    /// Closes the connections. The client cannot be used afterwards.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    var version: APIVersion { configuration.apiVersion }

    func url(_ path: String, _ query: [(String, String)]) -> String {
        RequestURL.make(base: configuration.baseURL, path: path, query: query)
    }

    /// Sends one GET (no permit taken here) and hands a successful response to `handle`;
    /// any other status becomes a `ThetaDataError` carrying the body's message.
    func get<T>(_ url: String, handle: (HTTPClientResponse) async throws -> T) async throws -> T {
        let described = "GET \(url)"
        let response: HTTPClientResponse
        do {
            let deadline = NIODeadline.now() + TimeAmount(configuration.requestTimeout)
            response = try await http.execute(HTTPClientRequest(url: url), deadline: deadline)
        } catch {
            throw TransportErrors.map(error, request: described)
        }
        let status = Int(response.status.code)
        if let code = ThetaDataError.Code(status: status) {
            let body = try? await response.body.collect(upTo: configuration.maxErrorBodyBytes)
            throw ThetaDataError(
                code: code, request: described, status: status, bodyMessage: Self.errorMessage(body),
                retryAfter: response.headers.first(name: "Retry-After").flatMap(Int64.init).map { .seconds($0) })
        }
        do {
            return try await handle(response)
        } catch let error as BodyDecodingError {
            throw ThetaDataError(code: .malformedBody, request: described, status: status, bodyMessage: error.message)
        } catch let error as ThetaDataError {
            throw error
        } catch {
            throw TransportErrors.map(error, request: described)
        }
    }

    /// An error body's message: v2's `header.error_msg`, else the text.
    static func errorMessage(_ body: ByteBuffer?) -> String {
        guard let body else { return "" }
        let text = String(buffer: body)
        if text.hasPrefix("{") {
            var bytes = Array(text.utf8)
            let header = bytes.withUnsafeMutableBufferPointer { buffer -> V2Header? in
                guard let p = buffer.baseAddress, let range = Self.headerRange(p, buffer.count) else { return nil }
                return try? V2Header.parse(p, from: range.lowerBound, to: range.upperBound)
            }
            if let message = header?.errorMessage ?? header?.errorType { return message }
        }
        return text
    }

    private static func headerRange(_ p: UnsafeMutablePointer<UInt8>, _ count: Int) -> Range<Int>? {
        let key = Array("\"header\"".utf8)
        guard count > key.count else { return nil }
        for i in 0...(count - key.count) where UnsafeBufferPointer(start: p + i, count: key.count).elementsEqual(key) {
            var j = i + key.count
            while j < count && p[j] != UInt8(ascii: "{") { j += 1 }
            guard let end = JSONScanner.valueEnd(p, from: j, count) else { return nil }
            return j..<end
        }
        return nil
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        self = .nanoseconds(duration.nanoseconds)
    }
}
