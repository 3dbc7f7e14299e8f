import Hummingbird
import MarketCalendar

extension SimulatorResponder {
    func answerV3(_ endpoint: Endpoint, params: Parameters) async throws -> Answer {
        let format = try Self.v3Format(params)
        switch endpoint {
        case .symbols:
            let table = ListTable(columns: ["symbol"], rows: SimulatedMarket.roots.map { [.text($0)] })
            return .whole(bytes(table.v3(format), contentType: format.output.contentType))
        case .expirations:
            let symbols = try Self.symbols(try params.required("symbol"))
            _ = try await state.admit(.listing())
            let rows: [[ListTable.Value]] = symbols.flatMap { symbol in
                market.expirations(root: symbol, listedThrough: configuration.today).map {
                    [.text(symbol), .text($0.description)]
                }
            }
            guard !rows.isEmpty else { throw TerminalRefusal.noData }
            return .whole(bytes(ListTable(columns: ["symbol", "expiration"], rows: rows).v3(format),
                                contentType: format.output.contentType))
        case .contracts:
            let date = try Self.date(try params.required("date"), name: "date")
            let symbols = try Self.symbols(params["symbol"] ?? "*")
            _ = try await state.admit(.listing(on: date))
            var rows: [[ListTable.Value]] = []
            for symbol in symbols {
                for c in market.contracts(root: symbol, on: date) {
                    var s = ByteSink(capacity: 16)
                    s.fixed(c.strikeDollars, places: 3)
                    rows.append([.text(c.root), .text(c.expiration.description), .number(String(buffer: s.buffer)),
                                 .text(c.right == .call ? "CALL" : "PUT")])
                }
            }
            guard !rows.isEmpty else { throw TerminalRefusal.noData }
            return .whole(bytes(ListTable(columns: Dataset.v3ContractFields, rows: rows).v3(format),
                                contentType: format.output.contentType))
        case .history(let dataset):
            let request = try v3Request(params, dataset: dataset)
            guard let plan = market.plan(for: request) else { throw TerminalRefusal.noData }
            let faults = try await state.admit(.history(request, rows: plan.rowCount))
            let rows = faults.empty ? 0..<0 : 0..<plan.rowCount
            let body = ChainBody(plan: plan, range: rows, format: format.output, dataset: dataset, faults: faults)
            return .stream(body, [.contentType: format.output.contentType])
        case .page:
            throw TerminalRefusal(.noImplementation, "v3 has no pages.")
        }
    }

    /// Parses and checks a v3 history request as the Terminal does. Open interest and end of
    /// day come once per session: they ignore `interval` and the time window, and end of day
    /// takes a date range only.
    func v3Request(_ params: Parameters, dataset: Dataset) throws(TerminalRefusal) -> ChainRequest {
        let symbol = try params.required("symbol")
        guard market.isKnownRoot(symbol) else { throw TerminalRefusal.noData }
        let expirationText = try params.required("expiration")
        let interval = dataset.hasIntervals ? try Self.intervalMs(try params.required("interval")) : 60_000
        let start: CivilDate, end: CivilDate
        if dataset != .eod, let date = params["date"] {
            start = try Self.date(date, name: "date")
            end = start
        } else {
            start = try Self.date(try params.required("start_date"), name: "start_date")
            end = try Self.date(try params.required("end_date"), name: "end_date")
        }
        guard start <= end else { throw TerminalRefusal(.invalidParams, "start_date is after end_date.") }
        if dataset.hasIntervals {
            guard start.distance(to: end) <= 31 else {
                throw TerminalRefusal(.invalidParams, "Intraday requests may span at most one month.")
            }
            if interval < 60_000 && start != end {
                throw TerminalRefusal(.invalidParams, "Intervals under 1m are limited to single-day requests.")
            }
        }
        var expiration: CivilDate?
        if expirationText == "*" {
            guard [.quote, .openInterest, .eod].contains(dataset) else {
                throw TerminalRefusal(.invalidParams, "expiration=* is not allowed for \(dataset.rawValue); request one expiration.")
            }
            guard start == end else { throw TerminalRefusal(.invalidParams, "expiration=* requests must be single-day.") }
        } else {
            expiration = try Self.date(expirationText, name: "expiration")
        }
        var strike: Int?
        if let text = params["strike"], text != "*" {
            guard let dollars = Double(text), dollars > 0 else {
                throw TerminalRefusal(.invalidParams, "strike must be dollars such as 5100 or 5100.000, or *; got '\(text)'.")
            }
            strike = Int((dollars * 1000).rounded())
        }
        let right: OptionRight?
        switch (params["right"] ?? "both").lowercased() {
        case "both": right = nil
        case "call", "c": right = .call
        case "put", "p": right = .put
        default: throw TerminalRefusal(.invalidParams, "right must be call, put or both; got '\(params["right"] ?? "")'.")
        }
        return ChainRequest(root: symbol, dataset: dataset, expiration: expiration, startDate: start, endDate: end,
                            intervalMs: interval, strike: strike, right: right,
                            timeWindow: dataset.hasIntervals ? try Self.timeWindow(params, parse: Self.timeOfDay) : nil)
    }

    /// v3's `HH:MM:SS.SSS` (seconds and milliseconds optional) as ms since midnight.
    static func timeOfDay(_ text: String, name: String) throws(TerminalRefusal) -> Int {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let seconds = parts.count == 3 ? parts[2].split(separator: ".", omittingEmptySubsequences: false) : ["0"]
        guard (2...3).contains(parts.count), seconds.count <= 2,
              let h = Int(parts[0]), let m = Int(parts[1]), let s = Int(seconds[0]),
              let ms = seconds.count == 2 ? Int(seconds[1].zeroPadded(to: 3)) : 0,
              (0..<24).contains(h), (0..<60).contains(m), (0..<60).contains(s), (0..<1000).contains(ms)
        else { throw TerminalRefusal(.invalidParams, "\(name) must be HH:MM:SS.SSS; got '\(text)'.") }
        return ((h * 60 + m) * 60 + s) * 1000 + ms
    }

    static func v3Format(_ params: Parameters) throws(TerminalRefusal) -> V3Format {
        let text = params["format"] ?? "csv"
        guard let format = V3Format(rawValue: text) else {
            throw TerminalRefusal(.invalidParams, "format must be csv, json or ndjson; got '\(text)'.")
        }
        return format
    }

    static func symbols(_ text: String) throws(TerminalRefusal) -> [String] {
        if text == "*" { return SimulatedMarket.roots }
        let list = text.split(separator: ",").map { String($0).uppercased() }
        guard !list.isEmpty else { throw TerminalRefusal(.invalidParams, "symbol is empty.") }
        return list
    }

    /// `YYYY-MM-DD` or `YYYYMMDD`.
    static func date(_ text: String, name: String) throws(TerminalRefusal) -> CivilDate {
        if let date = CivilDate(text) { return date }
        if text.count == 8, let n = Int(text), let date = CivilDate(year: n / 10_000, month: n / 100 % 100, day: n % 100) {
            return date
        }
        throw TerminalRefusal(.invalidParams, "\(name) must be YYYY-MM-DD or YYYYMMDD; got '\(text)'.")
    }

    static let intervals: [String: Int] = [
        "10ms": 10, "100ms": 100, "500ms": 500, "1s": 1000, "5s": 5000, "10s": 10_000, "15s": 15_000, "30s": 30_000,
        "1m": 60_000, "5m": 300_000, "10m": 600_000, "15m": 900_000, "30m": 1_800_000, "1h": 3_600_000,
    ]

    static func intervalMs(_ text: String) throws(TerminalRefusal) -> Int {
        guard let ms = intervals[text] else {
            throw TerminalRefusal(.invalidParams,
                                  "interval must be one of 10ms, 100ms, 500ms, 1s, 5s, 10s, 15s, 30s, 1m, 5m, 10m, 15m, 30m, 1h; got '\(text)' (tick data is not simulated).")
        }
        return ms
    }
}
