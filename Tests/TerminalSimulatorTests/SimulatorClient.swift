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

/// The one-minute SPXW greeks of one expiration on `date`, as a v3 path.
func v3GreeksPath(expiration: Int, on date: CivilDate) -> String {
    "/v3/option/history/greeks/first_order?symbol=SPXW&expiration=\(expiration)&date=\(compact(date))&interval=1m"
}

/// The same as a v2 bulk path.
func v2GreeksPath(expiration: Int, on date: CivilDate) -> String {
    "/v2/bulk_hist/option/greeks?root=SPXW&exp=\(expiration)&start_date=\(compact(date))&end_date=\(compact(date))&ivl=60000"
}

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

func expected(_ row: OptionRow, _ column: String, v3: Bool, dataset: Dataset = .greeks) -> Expected? {
    let c = row.contract
    switch column {
    case "symbol", "root": return .text(c.root)
    case "expiration": return v3 ? .text(c.expiration.description) : .number(Double(compact(c.expiration)))
    case "strike": return .number(v3 ? c.strikeDollars : Double(c.strike))
    case "right": return .text(v3 ? (c.right == .call ? "CALL" : "PUT") : c.right.rawValue)
    case "timestamp", "created": return .text(timestampText(row.date, row.msOfDay))
    case "underlying_timestamp": return .text(timestampText(row.underlyingDate, row.underlyingMsOfDay))
    case "last_trade": return .text(timestampText(row.lastTradeDate, row.lastTradeMsOfDay))
    case "ms_of_day": return .number(Double(row.msOfDay))
    case "ms_of_day2": return .number(Double(dataset == .eod ? row.lastTradeMsOfDay : row.underlyingMsOfDay))
    case "date": return .number(Double(compact(row.date)))
    default: break
    }
    let numbers: [String: Double] = [
        "bid": row.bid, "ask": row.ask, "delta": row.delta, "theta": row.theta, "vega": row.vega, "rho": row.rho,
        "epsilon": row.epsilon, "lambda": row.lambda, "gamma": row.gamma, "vanna": row.vanna, "charm": row.charm,
        "vomma": row.vomma, "veta": row.veta, "speed": row.speed, "zomma": row.zomma, "color": row.color,
        "ultima": row.ultima, "implied_vol": row.impliedVol, "iv_error": row.ivError,
        "underlying_price": row.underlyingPrice, "bid_size": Double(row.bidSize), "ask_size": Double(row.askSize),
        "bid_exchange": Double(row.bidExchange), "ask_exchange": Double(row.askExchange),
        "bid_condition": Double(row.bidCondition), "ask_condition": Double(row.askCondition),
        "open": row.open, "high": row.high, "low": row.low, "close": row.close, "volume": Double(row.volume),
        "count": Double(row.count), "vwap": row.vwap, "open_interest": Double(row.openInterest),
    ]
    return numbers[column].map(Expected.number)
}

/// Index of the first mismatch between decoded records and `rows`, or nil when all match.
func firstMismatch(_ records: [[String: Any]], _ rows: [OptionRow], v3: Bool, dataset: Dataset = .greeks) -> String? {
    guard records.count == rows.count else { return "count \(records.count) != \(rows.count)" }
    for (i, (record, row)) in zip(records, rows).enumerated() {
        for (column, raw) in record {
            guard let want = expected(row, column, v3: v3, dataset: dataset) else { return "row \(i): unknown column \(column)" }
            if !want.matches(raw) { return "row \(i) column \(column): \(raw) != \(want)" }
        }
    }
    return nil
}

/// CSV rows as records keyed by the header.
func records(_ csv: (header: [String], rows: [[String]])) -> [[String: Any]] {
    csv.rows.map { Dictionary(uniqueKeysWithValues: zip(csv.header, $0.map { $0 as Any })) }
}
