import Testing
import TerminalSimulator
import ThetaData

/// v2 splits a response into pages of `tickLimit` rows, each fetched by its own URL before it
/// expires; the client follows them under one permit and restarts when one has expired.
@Suite("Client follows v2 pages and restarts on an expired one")
struct PaginationTests {
    let ask = HistoryAsk()

    @Test("3900 rows at 1000 a page: four pages, rows equal the unpaged rows", arguments: [BodyFormat.v2JSON, .v2CSV])
    func pages(format: BodyFormat) async throws {
        let got = try await withSimulator(.v2, configure: { $0.tickLimit = 1000 }) { sim in
            try await withClient(sim, format) { try await $0.collect(ask) }
        }
        #expect(got.rows == ask.served(by: market(), in: .v2))
        #expect(got.summary.pages == 4)
        #expect(got.summary.requests == 1 && got.restarts.isEmpty)
    }

    /// Each page is handed on when it ends (1000 rows < one batch), so a consumer that stalls
    /// on the first one delays the request for page two past its expiry. The expiry (6 s) is
    /// long enough that pages fetched without a stall never expire, even with the whole suite
    /// running on two cores, and the stall (14 s) far longer.
    @Test("a page expired while the consumer stalled: one .restart(pageExpired), then exact rows",
          arguments: [BodyFormat.v2JSON, .v2CSV])
    func expiredPage(format: BodyFormat) async throws {
        let got = try await withSimulator(.v2, configure: { $0.tickLimit = 1000; $0.pageExpiry = .seconds(6) }) { sim in
            try await withClient(sim, format) { client in
                try await client.collect(ask) { batch in
                    if batch == 0 { try await Task.sleep(for: .seconds(14)) }
                }
            }
        }
        #expect(got.restarts.map(\.code) == [.pageExpired], "\(got.restarts.map(\.request))")
        #expect(got.restarts.first?.status == 477)
        #expect(got.rows == ask.served(by: market(), in: .v2))
        #expect(got.summary.requests == 2 && got.summary.pages == 4)
    }
}
