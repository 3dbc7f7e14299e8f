import AsyncHTTPClient
import Foundation
import MarketCalendar
import NIOCore
import NIOHTTP1
import TerminalSimulator

/// One HTTP answer, whole.
struct Fetched {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers.first(name: name) }
}

/// GETs `path` (absolute URLs pass through) from the simulator over real loopback HTTP.
func fetch(_ sim: RunningSimulator, _ path: String, host: String? = nil) async throws -> Fetched {
    let url = path.hasPrefix("http") ? path : sim.baseURL + path
    var request = HTTPClientRequest(url: url)
    if let host { request.headers.replaceOrAdd(name: "Host", value: "\(host):\(sim.port)") }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
    var buffer = try await response.body.collect(upTo: 512 << 20)
    return Fetched(status: Int(response.status.code), headers: response.headers,
                   body: buffer.readBytes(length: buffer.readableBytes) ?? [])
}

/// Runs a simulator on a free loopback port for the test.
func withSimulator<T: Sendable>(
    _ api: TerminalAPI, seed: UInt64 = 7, scale: Double = 0.02,
    configure: (inout SimulatorConfiguration) -> Void = { _ in },
    _ body: @Sendable (RunningSimulator) async throws -> T
) async throws -> T {
    var configuration = SimulatorConfiguration(api: api, port: 0)
    configuration.seed = seed
    configuration.scale = scale
    configure(&configuration)
    return try await SimulatorServer.withRunning(configuration, body)
}

/// 2024-03-15: a Friday session with dailies, a monthly and a quarterly expiring.
let friday = CivilDate(year: 2024, month: 3, day: 15)!
/// 2024-03-29: Good Friday, no session.
let goodFriday = CivilDate(year: 2024, month: 3, day: 29)!

/// Splits a simple CSV body (no quoted commas) into a header and rows.
func parseCSV(_ text: String) -> (header: [String], rows: [[String]]) {
    let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
    guard let first = lines.first else { return ([], []) }
    return (first.components(separatedBy: ","), lines.dropFirst().map { $0.components(separatedBy: ",") })
}

func parseJSON(_ bytes: [UInt8]) throws -> Any { try JSONSerialization.jsonObject(with: Data(bytes)) }

/// `YYYY-MM-DDTHH:mm:ss.SSS`, written independently of the simulator.
func timestampText(_ date: CivilDate, _ ms: Int) -> String {
    String(format: "%@T%02d:%02d:%02d.%03d", date.description, ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
}

func compact(_ d: CivilDate) -> Int { d.year * 10_000 + d.month * 100 + d.day }

/// The value a column should hold for `row`, as text (strings) or a number.
enum Expected: Equatable {
    case text(String)
    case number(Double)

    func matches(_ raw: Any) -> Bool {
        switch self {
        case .text(let t): return (raw as? String) == t
        case .number(let n):
            if let s = raw as? String { return Double(s) == n }
            if let d = raw as? NSNumber { return d.doubleValue == n }
            return false
        }
    }
}

func expected(_ row: OptionRow, _ column: String, v3: Bool) -> Expected? {
    let c = row.contract
    switch column {
    case "symbol", "root": return .text(c.root)
    case "expiration": return v3 ? .text(c.expiration.description) : .number(Double(compact(c.expiration)))
    case "strike": return .number(v3 ? c.strikeDollars : Double(c.strike))
    case "right": return .text(v3 ? (c.right == .call ? "CALL" : "PUT") : c.right.rawValue)
    case "timestamp": return .text(timestampText(row.date, row.msOfDay))
    case "underlying_timestamp": return .text(timestampText(row.date, row.underlyingMsOfDay))
    case "ms_of_day": return .number(Double(row.msOfDay))
    case "ms_of_day2": return .number(Double(row.underlyingMsOfDay))
    case "date": return .number(Double(compact(row.date)))
    case "bid": return .number(row.bid)
    case "ask": return .number(row.ask)
    case "delta": return .number(row.delta)
    case "theta": return .number(row.theta)
    case "vega": return .number(row.vega)
    case "rho": return .number(row.rho)
    case "epsilon": return .number(row.epsilon)
    case "lambda": return .number(row.lambda)
    case "implied_vol": return .number(row.impliedVol)
    case "iv_error": return .number(row.ivError)
    case "underlying_price": return .number(row.underlyingPrice)
    case "bid_size": return .number(Double(row.bidSize))
    case "ask_size": return .number(Double(row.askSize))
    case "bid_exchange": return .number(Double(row.bidExchange))
    case "ask_exchange": return .number(Double(row.askExchange))
    case "bid_condition": return .number(Double(row.bidCondition))
    case "ask_condition": return .number(Double(row.askCondition))
    default: return nil
    }
}

/// Index of the first mismatch between decoded records and `rows`, or nil when all match.
func firstMismatch(_ records: [[String: Any]], _ rows: [OptionRow], v3: Bool) -> String? {
    guard records.count == rows.count else { return "count \(records.count) != \(rows.count)" }
    for (i, (record, row)) in zip(records, rows).enumerated() {
        for (column, raw) in record {
            guard let want = expected(row, column, v3: v3) else { return "row \(i): unknown column \(column)" }
            if !want.matches(raw) { return "row \(i) column \(column): \(raw) != \(want)" }
        }
    }
    return nil
}

/// CSV rows as records keyed by the header.
func records(_ csv: (header: [String], rows: [[String]])) -> [[String: Any]] {
    csv.rows.map { Dictionary(uniqueKeysWithValues: zip(csv.header, $0.map { $0 as Any })) }
}
