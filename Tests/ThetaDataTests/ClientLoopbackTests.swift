import Synchronization
import Testing
import TestSupport
@testable import ThetaData

@Suite("Client against a loopback server", .serialized)
struct ClientLoopbackTests {
    func client(_ server: ScriptedServer, _ version: APIVersion, format: BodyFormat? = nil, limit: Int = 4) -> ThetaDataClient {
        var configuration = ClientConfiguration(apiVersion: version, baseURL: server.baseURL, maxConcurrentRequests: limit)
        if let format { configuration.bodyFormat = format }
        configuration.retryPolicy.baseDelay = .milliseconds(1)
        configuration.retryPolicy.maxDelay = .milliseconds(5)
        configuration.retryPolicy.connectionRefusedDelay = .milliseconds(5)
        configuration.statusPollInterval = .milliseconds(5)
        return ThetaDataClient(configuration: configuration)
    }

    /// Runs the request, collecting rows (dropped on restart) and the restart count.
    func collect(
        _ client: ThetaDataClient, _ dataset: Dataset = .greeks
    ) async throws -> (rows: [OptionRow], restarts: Int, summary: HistorySummary) {
        var rows: [OptionRow] = []
        var restarts = 0
        let summary = try await client.history(dataset: dataset, root: "SPXW", expiration: 2024_03_15, date: 2024_03_15) { event in
            switch event {
            case .rows(let batch): rows += batch
            case .restart: rows.removeAll(); restarts += 1
            }
        }
        return (rows, restarts, summary)
    }

    func sample(_ format: BodyFormat, dataset: Dataset = .greeks, count: Int = 300, seed: UInt64 = 1, nextPage: String? = nil)
        -> (rows: [OptionRow], reply: Reply)
    {
        var writer = TerminalBodyWriter(dataset: dataset, version: format.apiVersion, random: SeededRandom(seed: seed))
        let rows = writer.rows(count: count)
        let body = format == .v2JSON ? writer.v2JSON(rows, nextPage: nextPage) : writer.body(rows, format: format)
        var random = SeededRandom(seed: seed + 100)
        return (rows, Reply(chunks: randomChunks(body, maxChunk: 900, using: &random)))
    }

    @Test("v3 greeks: the URL asks for the whole chain; rows arrive decoded", arguments: [BodyFormat.v3CSV, .v3NDJSON])
    func v3History(format: BodyFormat) async throws {
        let (expected, reply) = sample(format)
        try await ScriptedServer.with(script: { _, _ in reply }) { server in
            let client = client(server, .v3, format: format)
            let (rows, restarts, summary) = try await collect(client)
            try await client.shutdown()
            #expect(rows == expected && restarts == 0 && summary.rows == expected.count)
            let uri = try #require(server.stats.withLock { $0.requests.first })
            #expect(uri.hasPrefix("/v3/option/history/greeks/first_order?symbol=SPXW&expiration=20240315&strike=*&right=both&date=20240315&interval=1m&format="))
        }
    }

    @Test("v2 JSON pages follow header.next_page; v2 CSV pages follow the Next-Page header", arguments: [BodyFormat.v2JSON, .v2CSV])
    func v2Pagination(format: BodyFormat) async throws {
        let port = Mutex(0)
        let pages = (0..<3).map { i in sample(format, dataset: .quotes, count: 50 + i, seed: UInt64(i + 1)) }
        try await ScriptedServer.with(script: { uri, index in
            let base = "http://127.0.0.1:\(port.withLock { $0 })"
            let next = index < 2 ? "\(base)/v2/page/\(index + 7)" : nil
            var (_, reply) = (pages[index].rows, pages[index].reply)
            if format == .v2JSON {
                reply = sample(format, dataset: .quotes, count: 50 + index, seed: UInt64(index + 1), nextPage: next).reply
            } else {
                reply.headers = [("Next-Page", next ?? "null")]
            }
            return reply
        }) { server in
            port.withLock { $0 = server.port }
            let client = client(server, .v2, format: format)
            let (rows, _, summary) = try await collect(client, .quotes)
            try await client.shutdown()
            #expect(rows == pages.flatMap(\.rows))
            #expect(summary.pages == 3)
            let uris = server.stats.withLock { $0.requests }
            #expect(uris.first?.hasPrefix("/v2/bulk_hist/option/quote?root=SPXW&exp=20240315&start_date=20240315&end_date=20240315&ivl=60000") == true)
            #expect(Array(uris.dropFirst()) == ["/v2/page/7", "/v2/page/8"])
        }
    }

    @Test("an expired page (477) restarts the whole request")
    func pageExpiry() async throws {
        let port = Mutex(0)
        let first = sample(.v2CSV, count: 40, seed: 1)
        let second = sample(.v2CSV, count: 30, seed: 2)
        try await ScriptedServer.with(script: { uri, index in
            if uri.hasPrefix("/v2/page") {
                return index == 1 ? .text(477, "NO_PAGE_FOUND") : second.reply
            }
            var reply = first.reply
            reply.headers = [("Next-Page", "http://127.0.0.1:\(port.withLock { $0 })/v2/page/1")]
            return reply
        }) { server in
            port.withLock { $0 = server.port }
            let client = client(server, .v2, format: .v2CSV)
            let (rows, restarts, summary) = try await collect(client)
            try await client.shutdown()
            #expect(restarts == 1)
            #expect(rows == first.rows + second.rows)
            #expect(summary.requests == 2)
        }
    }

    @Test("statuses become typed errors with the body's message; fail-fast ones are sent once",
        arguments: [(471, "PERMISSION"), (473, "bad expiration"), (404, "No impl"), (476, "wrong ip")])
    func failFast(status: Int, message: String) async throws {
        try await ScriptedServer.with(script: { _, _ in .text(status, "  \(message)\r\n") }) { server in
            let client = client(server, .v3)
            do {
                _ = try await collect(client)
                Issue.record("no error")
            } catch let error as ThetaDataError {
                #expect(error.status == status && error.bodyMessage == message)
                #expect(error.request.hasPrefix("GET http://127.0.0.1:"))
                #expect(error.description.contains(message))
            }
            try await client.shutdown()
            #expect(server.stats.withLock { $0.requests.count } == 1)
        }
    }

    @Test("472 is an empty expiration; v2's in-body NO_DATA too")
    func noData() async throws {
        try await ScriptedServer.with(script: { _, index in
            index == 0 ? .text(472, "No data for the specified timeframe")
                : .text(200, #"{"header":{"error_type":"NO_DATA","error_msg":"none","next_page":"null","format":[]},"response":[]}"#)
        }) { server in
            let v3 = client(server, .v3)
            #expect(try await collect(v3).summary.isEmpty)
            try await v3.shutdown()
            let v2 = client(server, .v2)
            #expect(try await collect(v2).summary.isEmpty)
            try await v2.shutdown()
        }
    }

    @Test("429 with Retry-After, 571 and 474 are retried (474 after the status says CONNECTED)")
    func transient() async throws {
        let (expected, ok) = sample(.v3CSV)
        let historyRequests = Mutex(0)
        try await ScriptedServer.with(script: { uri, _ in
            if uri.hasPrefix("/v3/terminal/mdds/status") { return .text(200, "CONNECTED") }
            let index = historyRequests.withLock { n in
                n += 1
                return n - 1
            }
            switch index {
            case 0: return .text(429, "queue full", headers: [("Retry-After", "0")])
            case 1: return .text(571, "SERVER_STARTING")
            case 2: return .text(474, "DISCONNECTED")
            default: return ok
            }
        }) { server in
            let client = client(server, .v3)
            let (rows, _, summary) = try await collect(client)
            try await client.shutdown()
            #expect(rows == expected)
            #expect(summary.requests == 4)
            #expect(server.stats.withLock { $0.requests.contains("/v3/terminal/mdds/status") })
        }
    }

    @Test("570 splits the day in halves")
    func split() async throws {
        let halves = [sample(.v3CSV, count: 20, seed: 1), sample(.v3CSV, count: 25, seed: 2)]
        try await ScriptedServer.with(script: { uri, _ in
            if !uri.contains("start_time") { return .text(570, "too large") }
            return uri.contains("start_time=09%3A30") ? halves[0].reply : halves[1].reply
        }) { server in
            let client = client(server, .v3)
            let (rows, _, summary) = try await collect(client)
            try await client.shutdown()
            #expect(rows == halves[0].rows + halves[1].rows)
            #expect(summary.windows == 2)
        }
    }

    @Test("a connection closed mid-body is retried from the start, with a restart event")
    func midBodyClose() async throws {
        // More rows than one batch, so some are handed on before the cut.
        let (expected, full) = sample(.v3CSV, count: 20_000)
        // The same bytes in 16 writes, 20 ms apart, cut after 12: paced, because the HTTP client
        // drops body bytes it buffered when the connection fails, so sent all at once on a
        // busy machine, nothing may have reached the consumer.
        var cut = full
        let per = (full.chunks.count + 15) / 16
        cut.chunks = stride(from: 0, to: full.chunks.count, by: per).map { Array(full.chunks[$0..<min($0 + per, full.chunks.count)].joined()) }
        cut.closeAfterChunks = cut.chunks.count * 3 / 4
        cut.delay = .milliseconds(20)
        try await ScriptedServer.with(script: { [cut] _, index in index == 0 ? cut : full }) { server in
            let client = client(server, .v3)
            let (rows, restarts, _) = try await collect(client)
            try await client.shutdown()
            #expect(rows == expected)
            #expect(restarts == 1)
        }
    }

    @Test("nothing listening: a few slow retries, then the start-the-Terminal error")
    func refused() async throws {
        let port = try await ScriptedServer.with(script: { _, _ in .text(200, "") }) { $0.port }
        var configuration = ClientConfiguration(apiVersion: .v3, baseURL: "http://127.0.0.1:\(port)")
        configuration.retryPolicy.connectionRefusedDelay = .milliseconds(5)
        let client = ThetaDataClient(configuration: configuration)
        do {
            _ = try await client.upstreamStatus()
            Issue.record("no error")
        } catch let error as ThetaDataError {
            #expect(error.code == .connectionRefused)
            #expect(error.description.contains("Start the Theta Terminal"))
        }
        try await client.shutdown()
    }

    @Test("cancelling the task closes the connection")
    func cancellation() async throws {
        let slow = Reply(chunks: Array(repeating: Array("x\n".utf8), count: 1000), delay: .milliseconds(20))
        try await ScriptedServer.with(script: { _, _ in slow }) { server in
            let client = client(server, .v3)
            let task = Task { try await collect(client) }
            try await Task.sleep(for: .milliseconds(200))
            task.cancel()
            _ = await task.result
            // Polled: on a busy machine the server may see the close a while later.
            for _ in 0..<500 where server.stats.withLock({ $0.abortedByClient }) == 0 {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(server.stats.withLock { $0.abortedByClient } == 1)
            try await client.shutdown()
        }
    }

    @Test("the limiter caps requests in flight at the server")
    func limiterCap() async throws {
        let slow = Reply(chunks: [Array("symbol\n".utf8), Array("SPX\n".utf8)], delay: .milliseconds(30))
        try await ScriptedServer.with(script: { _, _ in slow }) { server in
            let client = client(server, .v3, limit: 3)
            try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<24 { group.addTask { try await client.listRoots() } }
                for try await roots in group { #expect(roots == ["SPX"]) }
            }
            try await client.shutdown()
            #expect(server.stats.withLock { $0.maxInFlight } == 3)
        }
    }

    @Test("lists and status, both versions")
    func lists() async throws {
        try await ScriptedServer.with(script: { uri, _ in
            switch uri.split(separator: "?").first.map(String.init) ?? "" {
            case "/v3/option/list/symbols": .text(200, "symbol\r\n\"SPX\"\r\nSPXW\r\n")
            case "/v3/option/list/expirations": .text(200, "symbol,expiration\r\nSPXW,2024-03-18\r\nSPXW,2024-03-15\r\n")
            case "/v3/option/list/contracts/quote": .text(200, "symbol,expiration,strike,right\r\nSPXW,2024-03-15,5100.000,CALL\r\n")
            case "/v3/terminal/mdds/status": .text(200, "CONNECTED")
            case "/v2/list/roots/option": .text(200, #"{"header":{"next_page":"null","format":["root"]},"response":["SPX","SPXW"]}"#)
            case "/v2/list/expirations": .text(200, #"{"header":{"format":["date"]},"response":[20240315,20240318]}"#)
            case "/v2/list/contracts/option/quote":
                .text(200, #"{"header":{"error_type":"null","next_page":"null","format":["root","expiration","strike","right"]},"response":[["SPXW",20240315,5100000,"C"]]}"#)
            case "/v2/system/mdds/status": .text(200, "DISCONNECTED\n")
            default: .text(404, "no")
            }
        }) { server in
            let key = ContractKey(root: "SPXW", expiration: 2024_03_15, strike: 5_100_000, right: .call)
            for version in APIVersion.allCases {
                let client = client(server, version)
                #expect(try await client.listRoots() == ["SPX", "SPXW"])
                #expect(try await client.listExpirations(root: "SPXW") == [2024_03_15, 2024_03_18])
                #expect(try await client.contracts(on: 2024_03_15, root: "SPXW") == [key])
                #expect(try await client.upstreamStatus() == (version == .v3 ? .connected : .disconnected))
                try await client.shutdown()
            }
        }
    }
}
