import MarketCalendar

/// How the values of a row are laid out.
enum FieldStyle {
    /// `a,b,c`
    case csv
    /// `[a,b,c]` contents: strings quoted.
    case jsonArray
    /// `"name":a,"name":b` contents: strings quoted.
    case jsonObject
}

/// A row's values after its contract, in `Dataset.v3Fields` / `v2Fields` order. A `malformed`
/// row is broken the same way in every dataset: a stray `x` after the first price (or the
/// only number), its last field left out, or an `extra` field at the end.
extension ByteCursor {
    /// Starts a field: separator, then the key in object style.
    private mutating func field(_ name: StaticString, _ style: FieldStyle, _ index: inout Int) {
        if index > 0 { byte(UInt8(ascii: ",")) }
        index += 1
        if style == .jsonObject {
            byte(UInt8(ascii: "\"")); ascii(name); ascii("\":")
        }
    }

    private mutating func quoteIfJSON(_ style: FieldStyle) {
        if style != .csv { byte(UInt8(ascii: "\"")) }
    }

    /// A v3 date-time field, quoted in JSON.
    private mutating func timestampField(_ name: StaticString, _ r: (date: CivilDate, ms: Int), _ style: FieldStyle,
                                         _ index: inout Int) {
        field(name, style, &index); quoteIfJSON(style); timestamp(r.date, r.ms); quoteIfJSON(style)
    }

    /// The v3 contract fields: symbol, expiration, strike (dollars, 3 decimals), right.
    mutating func v3Contract(_ c: Contract, _ style: FieldStyle, _ index: inout Int) {
        field("symbol", style, &index); quoteIfJSON(style); text(c.root); quoteIfJSON(style)
        field("expiration", style, &index); quoteIfJSON(style); isoDate(c.expiration); quoteIfJSON(style)
        field("strike", style, &index); fixed(c.strikeDollars, places: 3)
        field("right", style, &index); quoteIfJSON(style); ascii(c.right == .call ? "CALL" : "PUT"); quoteIfJSON(style)
    }

    /// A row's v3 fields after the contract, in `Dataset.v3Fields` order.
    mutating func v3Values(_ r: OptionRow, _ dataset: Dataset, _ style: FieldStyle, _ index: inout Int,
                           corruption: Corruption? = nil) {
        let whole = corruption != .missingField
        switch dataset {
        case .greeks, .greeksSecondOrder, .greeksThirdOrder:
            timestampField("timestamp", (r.date, r.msOfDay), style, &index)
            greekValues(r, dataset, style, &index, corruption: corruption)
            timestampField("underlying_timestamp", (r.underlyingDate, r.underlyingMsOfDay), style, &index)
            if whole { field("underlying_price", style, &index); fixed(r.underlyingPrice, places: 2) }
        case .quote:
            timestampField("timestamp", (r.date, r.msOfDay), style, &index)
            quoteValues(r, style, &index, corruption: corruption, dropLast: !whole)
        case .ohlc:
            timestampField("timestamp", (r.date, r.msOfDay), style, &index)
            barValues(r, style, &index, corruption: corruption)
            if whole { field("vwap", style, &index); fixed(r.vwap, places: 4) }
        case .openInterest:
            timestampField("timestamp", (r.date, r.msOfDay), style, &index)
            if whole { openInterestValue(r, style, &index, corruption: corruption) }
        case .eod:
            timestampField("created", (r.date, r.msOfDay), style, &index)
            timestampField("last_trade", (r.lastTradeDate, r.lastTradeMsOfDay), style, &index)
            barValues(r, style, &index, corruption: corruption)
            quoteValues(r, style, &index, corruption: nil, dropLast: !whole)
        }
        if corruption == .extraField { field("extra", style, &index); int(0) }
    }

    /// A row's v2 tick values, in `Dataset.v2Fields` order; `date` closes every row.
    mutating func v2Values(_ r: OptionRow, _ dataset: Dataset, _ style: FieldStyle, _ index: inout Int,
                           corruption: Corruption? = nil) {
        field("ms_of_day", style, &index); int(r.msOfDay)
        switch dataset {
        case .greeks, .greeksSecondOrder, .greeksThirdOrder:
            greekValues(r, dataset, style, &index, corruption: corruption)
            field("ms_of_day2", style, &index); int(r.underlyingMsOfDay)
            field("underlying_price", style, &index); fixed(r.underlyingPrice, places: 2)
        case .quote:
            quoteValues(r, style, &index, corruption: corruption, dropLast: false)
        case .ohlc:
            barValues(r, style, &index, corruption: corruption)
        case .openInterest:
            openInterestValue(r, style, &index, corruption: corruption)
        case .eod:
            // The last trade's time of day only: v2 has no field for its date.
            field("ms_of_day2", style, &index); int(r.lastTradeMsOfDay)
            barValues(r, style, &index, corruption: corruption)
            quoteValues(r, style, &index, corruption: nil, dropLast: false)
        }
        if corruption != .missingField { field("date", style, &index); compactDate(r.date) }
        if corruption == .extraField { field("extra", style, &index); int(0) }
    }

    /// Bid through iv_error with the greeks of one order, the same in both API versions.
    private mutating func greekValues(_ r: OptionRow, _ dataset: Dataset, _ style: FieldStyle, _ index: inout Int,
                                      corruption: Corruption?) {
        field("bid", style, &index); fixed(r.bid, places: 2)
        if corruption == .badNumber { byte(UInt8(ascii: "x")) }
        field("ask", style, &index); fixed(r.ask, places: 2)
        switch dataset {
        case .greeksSecondOrder:
            field("gamma", style, &index); fixed(r.gamma, places: 4)
            field("vanna", style, &index); fixed(r.vanna, places: 4)
            field("charm", style, &index); fixed(r.charm, places: 4)
            field("vomma", style, &index); fixed(r.vomma, places: 4)
            field("veta", style, &index); fixed(r.veta, places: 4)
        case .greeksThirdOrder:
            field("speed", style, &index); fixed(r.speed, places: 4)
            field("zomma", style, &index); fixed(r.zomma, places: 4)
            field("color", style, &index); fixed(r.color, places: 4)
            field("ultima", style, &index); fixed(r.ultima, places: 4)
        default:
            field("delta", style, &index); fixed(r.delta, places: 4)
            field("theta", style, &index); fixed(r.theta, places: 4)
            field("vega", style, &index); fixed(r.vega, places: 4)
            field("rho", style, &index); fixed(r.rho, places: 4)
            field("epsilon", style, &index); fixed(r.epsilon, places: 4)
            field("lambda", style, &index); fixed(r.lambda, places: 4)
        }
        field("implied_vol", style, &index); fixed(r.impliedVol, places: 4)
        field("iv_error", style, &index); fixed(r.ivError, places: 4)
    }

    private mutating func quoteValues(_ r: OptionRow, _ style: FieldStyle, _ index: inout Int, corruption: Corruption?,
                                      dropLast: Bool) {
        field("bid_size", style, &index); int(r.bidSize)
        field("bid_exchange", style, &index); int(r.bidExchange)
        field("bid", style, &index); fixed(r.bid, places: 2)
        if corruption == .badNumber { byte(UInt8(ascii: "x")) }
        field("bid_condition", style, &index); int(r.bidCondition)
        field("ask_size", style, &index); int(r.askSize)
        field("ask_exchange", style, &index); int(r.askExchange)
        field("ask", style, &index); fixed(r.ask, places: 2)
        if !dropLast { field("ask_condition", style, &index); int(r.askCondition) }
    }

    /// Open through count: prices in dollars to the cent, volume and count whole.
    private mutating func barValues(_ r: OptionRow, _ style: FieldStyle, _ index: inout Int, corruption: Corruption?) {
        field("open", style, &index); fixed(r.open, places: 2)
        if corruption == .badNumber { byte(UInt8(ascii: "x")) }
        field("high", style, &index); fixed(r.high, places: 2)
        field("low", style, &index); fixed(r.low, places: 2)
        field("close", style, &index); fixed(r.close, places: 2)
        field("volume", style, &index); int(r.volume)
        field("count", style, &index); int(r.count)
    }

    private mutating func openInterestValue(_ r: OptionRow, _ style: FieldStyle, _ index: inout Int,
                                            corruption: Corruption?) {
        field("open_interest", style, &index); int(r.openInterest)
        if corruption == .badNumber { byte(UInt8(ascii: "x")) }
    }
}
