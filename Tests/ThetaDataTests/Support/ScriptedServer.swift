import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// What the scripted server answers to one request.
struct Reply: Sendable {
    var status = 200
    var headers: [(String, String)] = []
    /// Sent as separate writes, chunked transfer encoding, `delay` apart.
    var chunks: [[UInt8]] = []
    var delay: Duration = .zero
    /// Closes the connection after this many body chunks, without ending the response.
    var closeAfterChunks: Int?

    static func text(_ status: Int, _ body: String, headers: [(String, String)] = []) -> Reply {
        Reply(status: status, headers: headers, chunks: [Array(body.utf8)])
    }
}

/// A tiny HTTP/1.1 server on 127.0.0.1 (port 0) answering from a script, counting requests in
/// flight and connections closed by the client mid-response.
final class ScriptedServer: Sendable {
    struct Stats {
        var requests: [String] = []
        var inFlight = 0
        var maxInFlight = 0
        var abortedByClient = 0
    }

    let script: @Sendable (_ uri: String, _ index: Int) -> Reply
    let stats = Mutex(Stats())
    private let channel: any Channel

    var port: Int { channel.localAddress?.port ?? 0 }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    init(script: @escaping @Sendable (_ uri: String, _ index: Int) -> Reply) async throws {
        self.script = script
        let box = Mutex<ScriptedServer?>(nil)
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ScriptedHandler(server: { box.withLock { $0! } }))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        box.withLock { $0 = self }
    }

    func close() async throws {
        try await channel.close()
    }

    /// Runs `body` with a started server, closing it after.
    static func with<T>(
        script: @escaping @Sendable (_ uri: String, _ index: Int) -> Reply, _ body: (ScriptedServer) async throws -> T
    ) async throws -> T {
        let server = try await ScriptedServer(script: script)
        do {
            let result = try await body(server)
            try await server.close()
            return result
        } catch {
            try? await server.close()
            throw error
        }
    }
}

private final class ScriptedHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let server: () -> ScriptedServer
    private var uri = ""
    private var responding = false

    init(server: @escaping () -> ScriptedServer) {
        self.server = server
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            uri = head.uri
        case .body:
            break
        case .end:
            let server = server()
            let index = server.stats.withLock { s in
                s.requests.append(uri)
                s.inFlight += 1
                s.maxInFlight = max(s.maxInFlight, s.inFlight)
                return s.requests.count - 1
            }
            responding = true
            respond(context: context, reply: server.script(uri, index))
        }
    }

    private func respond(context: ChannelHandlerContext, reply: Reply) {
        var headers = HTTPHeaders(reply.headers)
        headers.add(name: "Transfer-Encoding", value: "chunked")
        let head = HTTPResponseHead(version: .http1_1, status: .init(statusCode: reply.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.flush()
        writeChunk(context: context, reply: reply, index: 0)
    }

    private func writeChunk(context: ChannelHandlerContext, reply: Reply, index: Int) {
        if let limit = reply.closeAfterChunks, index == limit {
            finish()
            context.close(promise: nil)
            return
        }
        guard index < reply.chunks.count else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            finish()
            return
        }
        let send = {
            guard context.channel.isActive else { return }
            let buffer = context.channel.allocator.buffer(bytes: reply.chunks[index])
            context.writeAndFlush(self.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            self.writeChunk(context: context, reply: reply, index: index + 1)
        }
        if reply.delay == .zero || index == 0 {
            send()
        } else {
            let ns = Int64(reply.delay.components.seconds) * 1_000_000_000 + reply.delay.components.attoseconds / 1_000_000_000
            context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(ns)) { send() }
        }
    }

    private func finish() {
        guard responding else { return }
        responding = false
        server().stats.withLock { $0.inFlight -= 1 }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if responding {
            server().stats.withLock { $0.abortedByClient += 1 }
            finish()
        }
        context.fireChannelInactive()
    }
}
