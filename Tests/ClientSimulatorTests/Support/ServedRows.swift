import MarketCalendar
import TerminalSimulator
import ThetaData

/// The simulator's rows as the client normalises them, so a decoded response can be compared
/// with `SimulatedMarket.rows(for:)` value for value: contract keys (root, `YYYYMMDD`
/// expiration, strike in tenths of a cent, right C/P), the New York date and ms of day, then
/// the dataset's double and integer columns in the client's declaration order.
enum ServedRows {
    /// `row` as the client decodes it from a `dataset` body of `version`.
    static func clientRow(_ row: TerminalSimulator.OptionRow, as dataset: ThetaData.Dataset, from version: APIVersion)
        -> ThetaData.OptionRow
    {
        let columns = dataset.columns(in: version)
        return ThetaData.OptionRow(
            contract: contractKey(row.contract), date: yyyymmdd(row.date), msOfDay: Int32(row.msOfDay),
            doubles: columns.filter { $0.type == .double }.map { double($0.name, of: row) },
            integers: columns.filter { $0.type != .double }.map { integer($0.name, of: row, in: dataset) })
    }

    /// The simulator's name for a dataset of the client's.
    static func simulated(_ dataset: ThetaData.Dataset) -> TerminalSimulator.Dataset {
        dataset == .quotes ? .quote : TerminalSimulator.Dataset(rawValue: dataset.name)!
    }

    /// New York wall-clock ms of a date and ms of day, as the client carries date-times.
    static func wallClock(_ date: CivilDate, _ msOfDay: Int) -> Int64 { Int64(date.daysSince1970) * 86_400_000 + Int64(msOfDay) }

    static func contractKey(_ contract: Contract) -> ContractKey {
        ContractKey(
            root: contract.root, expiration: yyyymmdd(contract.expiration), strike: Int64(contract.strike),
            right: contract.right == .call ? .call : .put)
    }

    static func yyyymmdd(_ date: CivilDate) -> Int32 { Int32(date.year * 10_000 + date.month * 100 + date.day) }

    /// A double column of the client's datasets, read from the simulator's row; nil for a
    /// column the simulator does not serve (the comparison then fails and names it).
    private static func double(_ column: String, of r: TerminalSimulator.OptionRow) -> Double? {
        switch column {
        case "bid": r.bid
        case "ask": r.ask
        case "delta": r.delta
        case "theta": r.theta
        case "vega": r.vega
        case "rho": r.rho
        case "epsilon": r.epsilon
        case "lambda": r.lambda
        case "implied_vol": r.impliedVol
        case "iv_error": r.ivError
        case "underlying_price": r.underlyingPrice
        case "gamma": r.gamma
        case "vanna": r.vanna
        case "charm": r.charm
        case "vomma": r.vomma
        case "veta": r.veta
        case "speed": r.speed
        case "zomma": r.zomma
        case "color": r.color
        case "ultima": r.ultima
        case "open": r.open
        case "high": r.high
        case "low": r.low
        case "close": r.close
        case "vwap": r.vwap
        default: nil
        }
    }

    /// An integer or time-of-day column, as `double(_:of:)`.
    private static func integer(_ column: String, of r: TerminalSimulator.OptionRow, in dataset: ThetaData.Dataset) -> Int64? {
        switch column {
        case "underlying_timestamp": wallClock(r.underlyingDate, r.underlyingMsOfDay)
        // v2's time without a date: the last trade's in end of day, the underlying's in greeks.
        case "ms_of_day2": Int64(dataset == .eod ? r.lastTradeMsOfDay : r.underlyingMsOfDay)
        case "bid_size": Int64(r.bidSize)
        case "bid_exchange": Int64(r.bidExchange)
        case "bid_condition": Int64(r.bidCondition)
        case "ask_size": Int64(r.askSize)
        case "ask_exchange": Int64(r.askExchange)
        case "ask_condition": Int64(r.askCondition)
        case "volume": Int64(r.volume)
        case "count": Int64(r.count)
        case "open_interest": Int64(r.openInterest)
        case "created": wallClock(r.date, r.msOfDay)
        case "last_trade": wallClock(r.lastTradeDate, r.lastTradeMsOfDay)
        default: nil
        }
    }
}

/// What identifies a row within one response: its contract and its time.
struct RowKey: Hashable, Comparable {
    var root: String, expiration: Int32, strike: Int64, right: UInt8, date: Int32, msOfDay: Int32

    init(_ row: ThetaData.OptionRow) {
        let c = row.contract
        (root, expiration, strike, right, date, msOfDay) = (c.root, c.expiration, c.strike, c.right.rawValue, row.date, row.msOfDay)
    }

    static func < (a: RowKey, b: RowKey) -> Bool {
        (a.root, a.expiration, a.strike, a.right, a.date, a.msOfDay) < (b.root, b.expiration, b.strike, b.right, b.date, b.msOfDay)
    }
}
