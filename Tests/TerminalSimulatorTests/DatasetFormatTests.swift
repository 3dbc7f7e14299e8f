import MarketCalendar
import Testing
import TerminalSimulator

/// Every new dataset in every body layout: the Terminal's columns in its order, and values
/// that parse back to exactly what `SimulatedMarket.rows(for:)` holds.
@Suite("Datasets in every format over loopback")
struct DatasetFormatTests {
    static let newDatasets: [Dataset] = [.greeksSecondOrder, .greeksThirdOrder, .ohlc, .openInterest, .eod]
    static let cases = newDatasets.flatMap { dataset in BodyLayout.allCases.map { (dataset, $0) } }
    let market = SimulatedMarket(seed: 7, scale: 0.02)

    /// What `layout` must hold for `dataset` from `start` to `end`.
    func served(_ dataset: Dataset, from start: CivilDate, to end: CivilDate) -> [OptionRow] {
        market.rows(for: ChainRequest(root: "SPXW", dataset: dataset, expiration: friday, startDate: start, endDate: end))
    }

    @Test("columns exactly the Terminal's, values exactly rows(for:)", arguments: cases)
    func columnsAndValues(dataset: Dataset, layout: BodyLayout) async throws {
        // Two sessions for the datasets that take a range, one for those with intervals.
        let start = dataset.hasIntervals ? friday : thursday
        let rows = served(dataset, from: start, to: friday)
        let answer = try await withSimulator(layout.api) { try await fetch($0, layout.path(dataset, from: start, to: friday)) }
        #expect(answer.status == 200, "\(answer.text.prefix(300))")
        let (columns, decoded) = try layout.decode(answer.body)
        #expect(columns == layout.columns(dataset))
        #expect(!rows.isEmpty)
        #expect(firstMismatch(decoded, rows, v3: layout.isV3, dataset: dataset) == nil)
        if layout == .v3CSV { #expect(answer.text.hasSuffix("\r\n")) }
    }

    @Test("the Terminal's exact column lists", arguments: newDatasets)
    func exactColumns(dataset: Dataset) {
        let v3: [Dataset: String] = [
            .greeksSecondOrder: "timestamp,bid,ask,gamma,vanna,charm,vomma,veta,implied_vol,iv_error,underlying_timestamp,underlying_price",
            .greeksThirdOrder: "timestamp,bid,ask,speed,zomma,color,ultima,implied_vol,iv_error,underlying_timestamp,underlying_price",
            .ohlc: "timestamp,open,high,low,close,volume,count,vwap",
            .openInterest: "timestamp,open_interest",
            .eod: "created,last_trade,open,high,low,close,volume,count,bid_size,bid_exchange,bid,bid_condition,ask_size,ask_exchange,ask,ask_condition",
        ]
        let v2: [Dataset: String] = [
            .greeksSecondOrder: "ms_of_day,bid,ask,gamma,vanna,charm,vomma,veta,implied_vol,iv_error,ms_of_day2,underlying_price,date",
            .greeksThirdOrder: "ms_of_day,bid,ask,speed,zomma,color,ultima,implied_vol,iv_error,ms_of_day2,underlying_price,date",
            .ohlc: "ms_of_day,open,high,low,close,volume,count,date",
            .openInterest: "ms_of_day,open_interest,date",
            .eod: "ms_of_day,ms_of_day2,open,high,low,close,volume,count,bid_size,bid_exchange,bid,bid_condition,ask_size,ask_exchange,ask,ask_condition,date",
        ]
        #expect(dataset.v3Fields.joined(separator: ",") == v3[dataset])
        #expect(dataset.v2Fields.joined(separator: ",") == v2[dataset])
    }

    @Test("open interest and end of day: one row per contract per session", arguments: [Dataset.openInterest, .eod])
    func onePerSession(dataset: Dataset) {
        let monday = CivilDate(year: 2024, month: 3, day: 11)!
        let rows = served(dataset, from: monday, to: friday)
        var sessions = 0
        var expected = 0
        for date in NYSECalendar.nyse.tradingDays(in: monday...friday) {
            sessions += 1
            let contracts = market.contracts(root: "SPXW", on: date).filter { $0.expiration == friday }
            let ofDay = rows.filter { $0.date == date }
            #expect(ofDay.count == contracts.count)
            #expect(Set(ofDay.map(\.contract)) == Set(contracts))
            expected += contracts.count
        }
        #expect(sessions == 5)
        #expect(rows.count == expected)
    }

    @Test("the same seed prints the same bytes, another seed others", arguments: cases.filter { $0.1 == .v3CSV || $0.1 == .v2JSON })
    func bytesDeterministic(dataset: Dataset, layout: BodyLayout) async throws {
        let path = layout.path(dataset, from: thursday, to: friday)
        let a = try await withSimulator(layout.api, seed: 3, configure: { $0.bodyCacheBytes = 0 }) { try await fetch($0, path).body }
        let b = try await withSimulator(layout.api, seed: 3, configure: { $0.bodyCacheBytes = 0 }) { try await fetch($0, path).body }
        let c = try await withSimulator(layout.api, seed: 4) { try await fetch($0, path).body }
        #expect(a == b)
        #expect(a != c)
    }

    @Test("a repeated request is answered from the cache with the same bytes", arguments: newDatasets)
    func cached(dataset: Dataset) async throws {
        let path = BodyLayout.v3NDJSON.path(dataset, from: thursday, to: friday)
        let (first, held, second) = try await withSimulator(.v3) { sim in
            let first = try await fetch(sim, path)
            return (first, sim.cachedBytes, try await fetch(sim, path))
        }
        #expect(held == first.body.count && held > 0)
        #expect(second.body == first.body)
    }

    @Test("malformed rows are broken in every dataset", arguments: newDatasets)
    func malformed(dataset: Dataset) async throws {
        let faults = try FaultSpec(parsing: "malformed:p=0.3")
        // Enough rows for every kind of break, in the datasets with one row per session too.
        let (answer, counted) = try await withSimulator(.v3, scale: 0.2, configure: { $0.faults = faults }) { sim in
            (try await fetch(sim, BodyLayout.v3CSV.path(dataset, from: thursday, to: friday)), sim.injectedFaults()[.malformed] ?? 0)
        }
        let csv = parseCSV(answer.text)
        let wrongWidth = csv.rows.filter { $0.count != csv.header.count }
        let badNumber = csv.rows.filter { $0.contains { $0.hasSuffix("x") } }
        #expect(wrongWidth.contains { $0.count < csv.header.count })
        #expect(wrongWidth.contains { $0.count > csv.header.count })
        #expect(!badNumber.isEmpty)
        #expect(counted == wrongWidth.count + badNumber.count)
    }

    @Test("v3 quote, open interest and end of day take expiration=* for one day; ohlc and greeks refuse it")
    func wildcardExpiration() async throws {
        try await withSimulator(.v3) { sim in
            let eod = try await fetch(sim, "/v3/option/history/eod?symbol=SPXW&expiration=*&start_date=20240315&end_date=20240315")
            #expect(eod.status == 200)
            let rows = market.rows(for: ChainRequest(root: "SPXW", dataset: .eod, expiration: nil, startDate: friday))
            #expect(firstMismatch(records(parseCSV(eod.text)), rows, v3: true, dataset: .eod) == nil)
            #expect(Set(rows.map(\.contract.expiration)).count > 1)
            let oi = try await fetch(sim, "/v3/option/history/open_interest?symbol=SPXW&expiration=*&date=20240315&interval=1m")
            #expect(oi.status == 200)
            for path in ["ohlc", "greeks/second_order", "greeks/third_order"] {
                let refused = try await fetch(sim, "/v3/option/history/\(path)?symbol=SPXW&expiration=*&date=20240315&interval=1m")
                #expect(refused.status == 473, "\(path)")
            }
            // End of day takes a range only; interval datasets need an interval.
            #expect(try await fetch(sim, "/v3/option/history/eod?symbol=SPXW&expiration=20240315&date=20240315").status == 473)
            #expect(try await fetch(sim, "/v3/option/history/ohlc?symbol=SPXW&expiration=20240315&date=20240315").status == 473)
        }
    }
}
