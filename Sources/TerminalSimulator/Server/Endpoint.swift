/// The endpoints the simulator serves, with the p90 server time the v3 spec gives for each
/// (used, times `latencyScale`, as the simulated latency).
enum Endpoint: Sendable, Equatable {
    case symbols
    case expirations
    case contracts
    case history(Dataset)
    case page(Int)

    init?(path: String, api: TerminalAPI) {
        switch (api, path) {
        case (.v3, "/v3/option/list/symbols"), (.v2, "/v2/list/roots/option"): self = .symbols
        case (.v3, "/v3/option/list/expirations"), (.v2, "/v2/list/expirations"): self = .expirations
        case (.v3, "/v3/option/list/contracts/quote"), (.v3, "/v3/option/list/contracts/trade"),
             (.v2, "/v2/list/contracts/option/quote"), (.v2, "/v2/list/contracts/option/trade"):
            self = .contracts
        case (.v3, "/v3/option/history/greeks/first_order"), (.v2, "/v2/bulk_hist/option/greeks"): self = .history(.greeks)
        case (.v3, "/v3/option/history/greeks/second_order"), (.v2, "/v2/bulk_hist/option/greeks_second_order"):
            self = .history(.greeksSecondOrder)
        case (.v3, "/v3/option/history/greeks/third_order"), (.v2, "/v2/bulk_hist/option/greeks_third_order"):
            self = .history(.greeksThirdOrder)
        case (.v3, "/v3/option/history/quote"), (.v2, "/v2/bulk_hist/option/quote"): self = .history(.quote)
        case (.v3, "/v3/option/history/ohlc"), (.v2, "/v2/bulk_hist/option/ohlc"): self = .history(.ohlc)
        case (.v3, "/v3/option/history/open_interest"), (.v2, "/v2/bulk_hist/option/open_interest"):
            self = .history(.openInterest)
        case (.v3, "/v3/option/history/eod"), (.v2, "/v2/bulk_hist/option/eod"): self = .history(.eod)
        case (.v2, _) where path.hasPrefix("/v2/page/"):
            guard let id = Int(path.dropFirst("/v2/page/".count)) else { return nil }
            self = .page(id)
        default: return nil
        }
    }

    var p90Milliseconds: Int {
        switch self {
        case .symbols: 210
        case .expirations: 6
        // v2 documents a deliberate 500 ms per contracts call; v3's p90 is higher.
        case .contracts: 1716
        case .history(.greeks): 2955
        case .history(.greeksSecondOrder): 3004
        case .history(.greeksThirdOrder): 2572
        case .history(.quote): 1435
        case .history(.ohlc): 1045
        case .history(.openInterest): 1191
        case .history(.eod): 2091
        case .page: 10
        }
    }
}

/// Query parameters, read by name.
struct Parameters: Sendable {
    private var values: [String: String] = [:]

    init(_ pairs: some Sequence<(key: Substring, value: Substring)>) {
        for (k, v) in pairs { values[String(k)] = String(v) }
    }

    subscript(_ name: String) -> String? { values[name] }

    func required(_ name: String) throws(TerminalRefusal) -> String {
        guard let value = values[name], !value.isEmpty else {
            throw TerminalRefusal(.invalidParams, "Missing required parameter '\(name)'.")
        }
        return value
    }
}
