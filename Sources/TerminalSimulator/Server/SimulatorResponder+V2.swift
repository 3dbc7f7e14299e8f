import Hummingbird
import HTTPTypes
import MarketCalendar

extension SimulatorResponder {
    func answerV2(_ endpoint: Endpoint, params: Parameters, host: String) async throws -> Answer {
        let csv = (params["use_csv"] ?? "false").lowercased() == "true"
        let contentType = csv ? "text/csv" : "application/json"
        switch endpoint {
        case .symbols:
            let table = ListTable(columns: ["root"], rows: SimulatedMarket.roots.map { [.text($0)] })
            return .whole(bytes(table.v2(csv: csv, header: V2Header()), contentType: contentType))
        case .expirations:
            let root = try params.required("root").uppercased()
            _ = try await state.admit(.listing())
            let rows: [[ListTable.Value]] = market.expirations(root: root, listedThrough: configuration.today).map {
                [.number(String($0.year * 10_000 + $0.month * 100 + $0.day))]
            }
            guard !rows.isEmpty else { throw TerminalRefusal.noData }
            return .whole(bytes(ListTable(columns: ["date"], rows: rows).v2(csv: csv, header: V2Header()), contentType: contentType))
        case .contracts:
            let date = try Self.compactDate(try params.required("start_date"), name: "start_date")
            let roots = try Self.symbols(params["root"] ?? "*")
            _ = try await state.admit(.listing(on: date))
            var rows: [[ListTable.Value]] = []
            for root in roots {
                for c in market.contracts(root: root, on: date) {
                    let exp = c.expiration.year * 10_000 + c.expiration.month * 100 + c.expiration.day
                    rows.append([.text(c.root), .number(String(exp)), .number(String(c.strike)), .text(c.right.rawValue)])
                }
            }
            guard !rows.isEmpty else { throw TerminalRefusal.noData }
            let table = ListTable(columns: Dataset.v2ContractFields, rows: rows)
            return .whole(bytes(table.v2(csv: csv, header: V2Header()), contentType: contentType))
        case .history(let dataset):
            let request = try v2Request(params, dataset: dataset)
            guard let plan = market.plan(for: request) else { throw TerminalRefusal.noData }
            let faults = try await state.admit(.history(request, rows: plan.rowCount))
            let pending = PendingPage(plan: plan, format: csv ? .v2CSV : .v2JSON, dataset: dataset, index: 0)
            return try await page(pending, faults: faults, host: host)
        case .page(let id):
            guard let pending = await state.claimPage(id) else {
                throw TerminalRefusal(.noPageFound, "Page \(id) was not found; it may have expired. Re-issue the request.")
            }
            return try await page(pending, faults: BodyFaults(), host: host)
        }
    }

    /// Serves page `pending.index` of a request, registering the next page when rows remain.
    /// An `empty` fault serves one page without rows.
    private func page(_ pending: PendingPage, faults: BodyFaults, host: String) async throws -> Answer {
        let limit = max(1, configuration.tickLimit)
        let total = faults.empty ? 0 : pending.plan.rowCount
        let lower = pending.index * limit, upper = min(total, lower + limit)
        var nextPage = "null"
        var nextID: Int?
        if upper < total {
            var next = pending
            next.index += 1
            next.ready = nil
            let id = await state.register(next)
            nextID = id
            nextPage = "http://\(host)/v2/page/\(id)"
        }
        let header = V2Header(latencyMs: Int(Double(Endpoint.history(pending.dataset).p90Milliseconds) * configuration.latencyScale),
                              nextPage: nextPage)
        var body = ChainBody(plan: pending.plan, range: lower..<upper, format: pending.format, dataset: pending.dataset,
                             v2Header: header, faults: faults)
        if let nextID {
            let state = self.state
            body.onDelivered = { await state.startExpiry(ofPage: nextID) }
        }
        var headers: HTTPFields = [.contentType: pending.format.contentType]
        headers[HTTPField.Name("Next-Page")!] = nextPage
        return .stream(body, headers)
    }

    /// Parses a v2 bulk request. Open interest and end of day come once per session and need
    /// no `ivl`; the other datasets need one of at least a second.
    func v2Request(_ params: Parameters, dataset: Dataset) throws(TerminalRefusal) -> ChainRequest {
        let root = try params.required("root").uppercased()
        guard market.isKnownRoot(root) else { throw TerminalRefusal.noData }
        let expText = try params.required("exp")
        let start = try Self.compactDate(try params.required("start_date"), name: "start_date")
        let end = try Self.compactDate(try params.required("end_date"), name: "end_date")
        guard start <= end else { throw TerminalRefusal(.invalidParams, "start_date is after end_date.") }
        var ivl = 60_000
        if dataset.hasIntervals {
            guard let asked = Int(params["ivl"] ?? "0"), asked >= 0 else {
                throw TerminalRefusal(.invalidParams, "ivl must be milliseconds, such as 60000.")
            }
            guard asked >= 1000 else {
                throw TerminalRefusal(.invalidParams, "ivl=\(asked) asks for tick data, which the simulator does not serve; send ivl=60000.")
            }
            ivl = asked
        }
        var expiration: CivilDate?
        if expText != "0" {
            expiration = try Self.compactDate(expText, name: "exp")
        } else if start != end {
            throw TerminalRefusal(.invalidParams, "exp=0 must be requested one day at a time (start_date = end_date).")
        }
        return ChainRequest(root: root, dataset: dataset, expiration: expiration, startDate: start, endDate: end,
                            intervalMs: ivl,
                            timeWindow: dataset.hasIntervals ? try Self.timeWindow(params, parse: Self.msOfDay) : nil)
    }

    /// v2 times are ms since midnight.
    static func msOfDay(_ text: String, name: String) throws(TerminalRefusal) -> Int {
        guard let ms = Int(text), (0..<86_400_000).contains(ms) else {
            throw TerminalRefusal(.invalidParams, "\(name) must be ms since midnight; got '\(text)'.")
        }
        return ms
    }

    /// v2 dates are `YYYYMMDD` integers only.
    static func compactDate(_ text: String, name: String) throws(TerminalRefusal) -> CivilDate {
        guard text.count == 8, let n = Int(text), let date = CivilDate(year: n / 10_000, month: n / 100 % 100, day: n % 100)
        else { throw TerminalRefusal(.invalidParams, "\(name) must be YYYYMMDD; got '\(text)'.") }
        return date
    }
}
