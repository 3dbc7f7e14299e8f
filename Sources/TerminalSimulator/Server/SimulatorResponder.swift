import Hummingbird
import MarketCalendar

/// Answers every request as the configured Terminal would: host pinning, the concurrency cap,
/// latency, faults, then the endpoint itself. Unknown paths get 404; a v3 Terminal answers
/// every `/v2/` path, and v2's `ivl` parameter, with 410.
struct SimulatorResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let market: SimulatedMarket
    let configuration: SimulatorConfiguration
    let state: SimulatorState
    let gate: ConcurrencyGate
    let cache: BodyCache

    /// Not a Terminal path: the faults injected so far, by kind, as JSON (see `FaultCounter`).
    /// Answered before host pinning, the cap and faults, so asking changes nothing it counts.
    static let faultCountsPath = "/simulator/faults"

    func respond(to request: Request, context: Context) async throws -> Response {
        if request.uri.path == Self.faultCountsPath {
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: state.counter.json())))
        }
        let host = Self.hostName(request.head.authority ?? "")
        guard await state.admitHost(host) else {
            return refusal(TerminalRefusal(.wrongIP, "Requests must keep to one host name per session; this one used \(host)."))
        }
        let path = request.uri.path
        let params = Parameters(request.uri.queryParameters)
        let api = configuration.api
        if path == "/\(api.rawValue)/\(api == .v3 ? "terminal" : "system")/mdds/status" {
            return text(await state.isConnected ? "CONNECTED" : "DISCONNECTED")
        }
        // A v3 Terminal has dropped v2 altogether, and says which v2 parameter was renamed.
        if api == .v3 && path.hasPrefix("/v2/") { return refusal(TerminalRefusal(.gone, "GONE")) }
        guard let endpoint = Endpoint(path: path, api: api) else {
            return refusal(TerminalRefusal(.noImplementation, "No endpoint at \(path)."))
        }
        if api == .v3 && params["ivl"] != nil { return refusal(TerminalRefusal(.gone, "ivl -> interval")) }
        guard await gate.enter() else {
            return refusal(TerminalRefusal(.osLimit, "The request queue is full.", retryAfterSeconds: 1))
        }
        var released = false
        do {
            if configuration.latencyScale > 0 {
                try await Task.sleep(for: .milliseconds(Int64(Double(endpoint.p90Milliseconds) * configuration.latencyScale)))
            }
            let answer = try await answer(endpoint, params: params, host: request.head.authority ?? host)
            switch answer {
            case .whole(let response):
                await gate.leave()
                released = true
                return response
            case .stream(let stream, let headers):
                released = true
                var body = stream
                body.cache = cache
                let chainBody = body
                let gate = self.gate
                let length = chainBody.faults.truncate ? chainBody.overstatedLength : nil
                return Response(status: .ok, headers: headers, body: ResponseBody(contentLength: length) { writer in
                    // The slot is held until the last byte is written, as the Terminal's is.
                    defer { Task { await gate.leave() } }
                    try await chainBody.write(&writer)
                })
            }
        } catch let refused as TerminalRefusal {
            if !released { await gate.leave() }
            return refusal(refused)
        } catch {
            if !released { await gate.leave() }
            throw error
        }
    }

    /// What an endpoint produced: a small whole response, or rows to stream.
    enum Answer {
        case whole(Response)
        case stream(ChainBody, HTTPFields)
    }

    private func answer(_ endpoint: Endpoint, params: Parameters, host: String) async throws -> Answer {
        switch configuration.api {
        case .v3: try await answerV3(endpoint, params: params)
        case .v2: try await answerV2(endpoint, params: params, host: host)
        }
    }

    static func hostName(_ authority: String) -> String {
        if authority.hasPrefix("[") { return String(authority.prefix { $0 != "]" }) + "]" }
        return String(authority.prefix { $0 != ":" })
    }

    func text(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    func bytes(_ sink: ByteSink, contentType: String, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: contentType]
        headers.append(contentsOf: extra)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: sink.buffer))
    }

    /// v3 errors are plain text; v2 errors are a JSON header naming the error.
    func refusal(_ refused: TerminalRefusal) -> Response {
        let status = HTTPResponse.Status(code: refused.status.rawValue, reasonPhrase: refused.status.name)
        var headers: HTTPFields = [:]
        if let seconds = refused.retryAfterSeconds { headers[.retryAfter] = String(seconds) }
        switch configuration.api {
        case .v3:
            headers[.contentType] = "text/plain"
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: refused.message)))
        case .v2:
            var s = ByteSink()
            s.text("{\"header\":")
            V2Header(errorType: refused.v2ErrorType ?? refused.status.name, errorMessage: refused.message)
                .write(format: [], into: &s)
            s.text(",\"response\":[]}")
            headers[.contentType] = "application/json"
            return Response(status: status, headers: headers, body: .init(byteBuffer: s.buffer))
        }
    }
}
