import MarketCalendar
import Testing
import TerminalSimulator
import ThetaData

/// Refusals about the request itself: 570 (too large: the client splits the day into time
/// windows) and 472 (no data: an empty result, not an error).
@Suite("Client splits 570s and records 472s as empty")
struct RequestShapeFaultTests {
    let ask = HistoryAsk()

    /// The whole day is 3900 rows (10 contracts × 390 minutes), each half 1950.
    @Test("570 above a row count: the halves (or their halves) together are the full rows, once each",
          arguments: [BodyFormat.v3CSV, .v2JSON], [2000, 600])
    func split(format: BodyFormat, aboveRows: Int) async throws {
        let faults = try FaultSpec(parsing: "570:above=\(aboveRows)")
        let served = ask.served(by: market(), in: format.apiVersion)
        let got = try await withSimulator(format.apiVersion, configure: { $0.faults = faults }) { sim in
            try await withClient(sim, format) { try await $0.collect(ask) }
        }
        let keys = got.rows.map(RowKey.init)
        #expect(Set(keys).count == keys.count, "a row came twice")
        #expect(got.rows.sorted { RowKey($0) < RowKey($1) } == served.sorted { RowKey($0) < RowKey($1) })
        #expect(got.summary.rows == served.count)
        // Every refused request counts: a split tree of w windows sent w - 1 refused requests.
        if aboveRows >= served.count / 2 {
            #expect(got.summary.windows == 2 && got.summary.requests == 3)
        } else {
            #expect(got.summary.windows > 2 && got.summary.requests == 2 * got.summary.windows - 1)
        }
        // Windows arrive in time order: the first window's rows are all before the second's.
        let firstAfternoon = try #require(got.rows.firstIndex { $0.msOfDay >= 46_800_000 })
        #expect(got.rows[firstAfternoon...].allSatisfy { $0.msOfDay >= 45_900_000 })
    }

    @Test("472 for the asked expiration, or a day without a session: empty, no error", arguments: BodyFormat.allCases)
    func noData(format: BodyFormat) async throws {
        let faults = try FaultSpec(parsing: "472:exp=2024-03-15")
        let holiday = HistoryAsk(expiration: ask.expiration.advanced(by: 35), date: goodFriday)
        let (faulted, closed) = try await withSimulator(format.apiVersion, configure: { $0.faults = faults }) { sim in
            try await withClient(sim, format) { client in (try await client.collect(ask), try await client.collect(holiday)) }
        }
        for got in [faulted, closed] {
            #expect(got.summary.isEmpty && got.rows.isEmpty && got.restarts.isEmpty)
            #expect(got.summary.requests == 1)
        }
    }
}
