import Testing
import TerminalSimulator
import ThetaData

@Suite("Client decodes exactly what the simulator serves")
struct FormatRoundTripTests {
    @Test("every dataset in every body format: decoded rows equal the served rows",
          arguments: BodyFormat.allCases, ThetaData.Dataset.all)
    func roundTrip(format: BodyFormat, dataset: ThetaData.Dataset) async throws {
        let ask = HistoryAsk(dataset: dataset)
        let served = ask.served(by: market(), in: format.apiVersion)
        let got = try await withSimulator(format.apiVersion) { sim in
            try await withClient(sim, format) { try await $0.collect(ask) }
        }
        // 10 contracts: 390 one-minute rows each, or one row a day for open interest and EOD.
        #expect(served.count == (ServedRows.simulated(dataset).hasIntervals ? 3900 : 10))
        #expect(got.rows == served)
        #expect(got.restarts.isEmpty)
        #expect(got.summary.rows == served.count)
        #expect(got.summary.requests == 1 && got.summary.pages == 1 && got.summary.windows == 1)
        #expect(got.summary.report.malformedRows == 0 && got.summary.report.warnings.isEmpty)
    }

    /// Trades: a dataset the simulator does not serve.
    static let trades = ThetaData.Dataset(
        name: "trade",
        v2: .init(path: "/v2/bulk_hist/option/trade", takesInterval: false, timeColumn: "ms_of_day"),
        v3: .init(path: "/v3/option/history/trade", takesInterval: false, timeColumn: "timestamp"),
        columns: [.init("price")])

    @Test("a dataset the simulator does not serve is a 404: notImplemented with the path named, not retried", arguments: APIVersion.allCases)
    func unknownEndpoint(version: APIVersion) async throws {
        try await withSimulator(version) { sim in
            let format: BodyFormat = version == .v3 ? .v3CSV : .v2JSON
            let error = try await #require(throws: ThetaDataError.self) {
                try await withClient(sim, format) { try await $0.collect(HistoryAsk(dataset: Self.trades)) }
            }
            #expect(error.code == .notImplemented && error.status == 404)
            #expect(error.bodyMessage.contains("No endpoint at /\(version.rawValue)/"))
            #expect(error.request.hasPrefix("GET \(sim.baseURL)/\(version.rawValue)/"))
            #expect(error.remediation == ThetaDataError.Code.notImplemented.remediation)
        }
    }
}
