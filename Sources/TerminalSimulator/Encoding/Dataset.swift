/// The history datasets the simulator serves, with their columns as each API version names them.
public enum Dataset: String, Sendable, CaseIterable {
    /// First-order greeks: v3 `greeks/first_order`, v2 `greeks`.
    case greeks
    case greeksSecondOrder = "greeks_second_order"
    case greeksThirdOrder = "greeks_third_order"
    case quote
    /// Trade bars of each interval.
    case ohlc
    /// One row per contract and session: the previous session's closing open interest.
    case openInterest = "open_interest"
    /// One row per contract and session: the end-of-day report.
    case eod

    /// Whether rows come one per interval (`interval`/`ivl`); open interest and end of day
    /// come once per session and ignore both.
    public var hasIntervals: Bool {
        switch self {
        case .greeks, .greeksSecondOrder, .greeksThirdOrder, .quote, .ohlc: true
        case .openInterest, .eod: false
        }
    }

    /// v2 tick columns (`header.format`), in order.
    public var v2Fields: [String] {
        switch self {
        case .greeks, .greeksSecondOrder, .greeksThirdOrder:
            ["ms_of_day", "bid", "ask"] + greekFields + ["implied_vol", "iv_error", "ms_of_day2", "underlying_price", "date"]
        case .quote:
            ["ms_of_day"] + Self.quoteFields + ["date"]
        case .ohlc:
            ["ms_of_day", "open", "high", "low", "close", "volume", "count", "date"]
        case .openInterest:
            ["ms_of_day", "open_interest", "date"]
        case .eod:
            ["ms_of_day", "ms_of_day2", "open", "high", "low", "close", "volume", "count"] + Self.quoteFields + ["date"]
        }
    }

    /// v3 columns after the contract columns, in CSV order.
    public var v3Fields: [String] {
        switch self {
        case .greeks, .greeksSecondOrder, .greeksThirdOrder:
            ["timestamp", "bid", "ask"] + greekFields + ["implied_vol", "iv_error", "underlying_timestamp", "underlying_price"]
        case .quote:
            ["timestamp"] + Self.quoteFields
        case .ohlc:
            ["timestamp", "open", "high", "low", "close", "volume", "count", "vwap"]
        case .openInterest:
            ["timestamp", "open_interest"]
        case .eod:
            ["created", "last_trade", "open", "high", "low", "close", "volume", "count"] + Self.quoteFields
        }
    }

    /// The greeks of one order, between `ask` and `implied_vol`.
    private var greekFields: [String] {
        switch self {
        case .greeks: ["delta", "theta", "vega", "rho", "epsilon", "lambda"]
        case .greeksSecondOrder: ["gamma", "vanna", "charm", "vomma", "veta"]
        case .greeksThirdOrder: ["speed", "zomma", "color", "ultima"]
        case .quote, .ohlc, .openInterest, .eod: []
        }
    }

    private static let quoteFields = [
        "bid_size", "bid_exchange", "bid", "bid_condition", "ask_size", "ask_exchange", "ask", "ask_condition",
    ]

    /// Contract columns v3 puts first.
    public static let v3ContractFields = ["symbol", "expiration", "strike", "right"]
    /// Contract columns v2 bulk CSV puts first.
    public static let v2ContractFields = ["root", "expiration", "strike", "right"]
}

/// How a deliberately broken row is broken (the `malformed` fault).
enum Corruption: CaseIterable {
    /// A number that does not parse.
    case badNumber
    /// The last field is missing.
    case missingField
    /// One field too many.
    case extraField
}
