import Foundation
import MarketCalendar
import TerminalSimulator

/// Every body layout a history dataset comes in, with the request path that asks for it and a
/// decoder back to records (contract fields included), written independently of the simulator.
enum BodyLayout: String, CaseIterable, Sendable, CustomStringConvertible {
    case v3CSV, v3NDJSON, v3JSON, v2JSON, v2CSV

    var api: TerminalAPI { rawValue.hasPrefix("v3") ? .v3 : .v2 }
    var isV3: Bool { api == .v3 }
    var description: String { rawValue }

    /// The contract columns, then the dataset's own, in the layout's order.
    func columns(_ dataset: Dataset) -> [String] {
        isV3 ? Dataset.v3ContractFields + dataset.v3Fields : Dataset.v2ContractFields + dataset.v2Fields
    }

    /// The client's request for `dataset` of SPXW `expiration` from `start` to `end`: v3 asks
    /// with `date` and `interval` (interval datasets) or a date range (open interest, end of
    /// day), v2 with `ivl` for interval datasets only.
    func path(_ dataset: Dataset, expiration: CivilDate = friday, from start: CivilDate = friday,
              to end: CivilDate? = nil, interval: String = "1m") -> String {
        let end = end ?? start
        let exp = compact(expiration)
        if isV3 {
            let format = ["v3CSV": "csv", "v3NDJSON": "ndjson", "v3JSON": "json"][rawValue]!
            let dates = dataset.hasIntervals ? "date=\(compact(start))&interval=\(interval)"
                : "start_date=\(compact(start))&end_date=\(compact(end))"
            return "/v3/option/history/\(Self.v3Name[dataset]!)?symbol=SPXW&expiration=\(exp)&strike=*&right=both&\(dates)&format=\(format)"
        }
        let ivl = dataset.hasIntervals ? "&ivl=\(Self.intervalMs[interval]!)" : ""
        return "/v2/bulk_hist/option/\(Self.v2Name[dataset]!)?root=SPXW&exp=\(exp)&start_date=\(compact(start))&end_date=\(compact(end))\(ivl)"
            + (self == .v2CSV ? "&use_csv=true" : "")
    }

    static let v3Name: [Dataset: String] = [
        .greeks: "greeks/first_order", .greeksSecondOrder: "greeks/second_order", .greeksThirdOrder: "greeks/third_order",
        .quote: "quote", .ohlc: "ohlc", .openInterest: "open_interest", .eod: "eod",
    ]
    static let v2Name: [Dataset: String] = [
        .greeks: "greeks", .greeksSecondOrder: "greeks_second_order", .greeksThirdOrder: "greeks_third_order",
        .quote: "quote", .ohlc: "ohlc", .openInterest: "open_interest", .eod: "eod",
    ]
    static let intervalMs = ["30s": 30_000, "1m": 60_000, "5m": 300_000]

    /// The body's column names as it declares them (CSV header, v2 `format`, or the first
    /// object's keys in the order written), and its rows as records with the contract fields.
    func decode(_ body: [UInt8]) throws -> (columns: [String], records: [[String: Any]]) {
        let text = String(decoding: body, as: UTF8.self)
        switch self {
        case .v3CSV, .v2CSV:
            let csv = parseCSV(text)
            return (csv.header, records(csv))
        case .v3NDJSON:
            let lines = text.split(separator: "\n").map(String.init)
            let objects = try lines.map { try parseJSON(Array($0.utf8)) as! [String: Any] }
            return (lines.first.map(Self.keysInOrder) ?? [], objects)
        case .v3JSON:
            let doc = try parseJSON(body) as! [String: Any]
            var flat: [[String: Any]] = []
            for item in doc["response"] as! [[String: Any]] {
                let contract = item["contract"] as! [String: Any]
                for data in item["data"] as! [[String: Any]] { flat.append(data.merging(contract) { a, _ in a }) }
            }
            // The first contract's keys, then its first row's, as written.
            func keys(after marker: String) -> [String] {
                text.range(of: marker).map { Self.keysInOrder(String(text[$0.upperBound...].prefix { $0 != "}" })) } ?? []
            }
            return (keys(after: "\"contract\":{") + keys(after: "\"data\":[{"), flat)
        case .v2JSON:
            let doc = try parseJSON(body) as! [String: Any]
            return (Dataset.v2ContractFields + ((doc["header"] as! [String: Any])["format"] as! [String]), bulkRecords(doc))
        }
    }

    /// `"name":` keys of one flat JSON object's text, in order.
    static func keysInOrder(_ object: String) -> [String] {
        var keys: [String] = []
        var rest = Substring(object)
        while let open = rest.firstIndex(of: "\"") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "\"") else { break }
            let next = rest.index(after: close)
            if next < rest.endIndex, rest[next] == ":" { keys.append(String(rest[afterOpen..<close])) }
            rest = rest[next...]
        }
        return keys
    }
}

/// Flattens a v2 bulk JSON document into records with the contract fields.
func bulkRecords(_ doc: [String: Any]) -> [[String: Any]] {
    let format = (doc["header"] as! [String: Any])["format"] as! [String]
    var out: [[String: Any]] = []
    for item in doc["response"] as! [[String: Any]] {
        let contract = item["contract"] as! [String: Any]
        for tick in item["ticks"] as! [[Any]] {
            out.append(Dictionary(uniqueKeysWithValues: zip(format, tick)).merging(contract) { a, _ in a })
        }
    }
    return out
}

/// 2024-03-14, the session before `friday`.
let thursday = CivilDate(year: 2024, month: 3, day: 14)!
