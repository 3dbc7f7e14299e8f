/// The history datasets the simulator serves, with their columns as each API version names them.
public enum Dataset: String, Sendable, CaseIterable {
    case greeks
    case quote

    /// v2 tick columns (`header.format`), in order.
    public var v2Fields: [String] {
        switch self {
        case .greeks:
            ["ms_of_day", "bid", "ask", "delta", "theta", "vega", "rho", "epsilon", "lambda",
             "implied_vol", "iv_error", "ms_of_day2", "underlying_price", "date"]
        case .quote:
            ["ms_of_day", "bid_size", "bid_exchange", "bid", "bid_condition", "ask_size", "ask_exchange", "ask",
             "ask_condition", "date"]
        }
    }

    /// v3 columns after the contract columns, in CSV order.
    public var v3Fields: [String] {
        switch self {
        case .greeks:
            ["timestamp", "bid", "ask", "delta", "theta", "vega", "rho", "epsilon", "lambda", "implied_vol",
             "iv_error", "underlying_timestamp", "underlying_price"]
        case .quote:
            ["timestamp", "bid_size", "bid_exchange", "bid", "bid_condition", "ask_size", "ask_exchange", "ask",
             "ask_condition"]
        }
    }

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
