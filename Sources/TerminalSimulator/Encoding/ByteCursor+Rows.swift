/// How the values of a row are laid out.
enum FieldStyle {
    /// `a,b,c`
    case csv
    /// `[a,b,c]` contents: strings quoted.
    case jsonArray
    /// `"name":a,"name":b` contents: strings quoted.
    case jsonObject
}

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
        field("timestamp", style, &index); quoteIfJSON(style); timestamp(r.date, r.msOfDay); quoteIfJSON(style)
        switch dataset {
        case .greeks:
            greekValues(r, style, &index, corruption: corruption)
            field("underlying_timestamp", style, &index)
            quoteIfJSON(style); timestamp(r.date, r.underlyingMsOfDay); quoteIfJSON(style)
            if corruption != .missingField {
                field("underlying_price", style, &index); fixed(r.underlyingPrice, places: 2)
            }
        case .quote:
            quoteValues(r, style, &index, corruption: corruption, dropLast: corruption == .missingField)
        }
        if corruption == .extraField { field("extra", style, &index); int(0) }
    }

    /// Bid through iv_error, the greeks fields both API versions send in the same order.
    private mutating func greekValues(_ r: OptionRow, _ style: FieldStyle, _ index: inout Int, corruption: Corruption?) {
        field("bid", style, &index); fixed(r.bid, places: 2)
        if corruption == .badNumber { byte(UInt8(ascii: "x")) }
        field("ask", style, &index); fixed(r.ask, places: 2)
        field("delta", style, &index); fixed(r.delta, places: 4)
        field("theta", style, &index); fixed(r.theta, places: 4)
        field("vega", style, &index); fixed(r.vega, places: 4)
        field("rho", style, &index); fixed(r.rho, places: 4)
        field("epsilon", style, &index); fixed(r.epsilon, places: 4)
        field("lambda", style, &index); fixed(r.lambda, places: 4)
        field("implied_vol", style, &index); fixed(r.impliedVol, places: 4)
        field("iv_error", style, &index); fixed(r.ivError, places: 4)
    }

    /// A row's v2 tick values, in `Dataset.v2Fields` order.
    mutating func v2Values(_ r: OptionRow, _ dataset: Dataset, _ style: FieldStyle, _ index: inout Int,
                           corruption: Corruption? = nil) {
        field("ms_of_day", style, &index); int(r.msOfDay)
        switch dataset {
        case .greeks:
            greekValues(r, style, &index, corruption: corruption)
            field("ms_of_day2", style, &index); int(r.underlyingMsOfDay)
            field("underlying_price", style, &index); fixed(r.underlyingPrice, places: 2)
        case .quote:
            quoteValues(r, style, &index, corruption: corruption, dropLast: false)
        }
        if corruption != .missingField { field("date", style, &index); compactDate(r.date) }
        if corruption == .extraField { field("extra", style, &index); int(0) }
    }

    private mutating func quoteValues(_ r: OptionRow, _ style: FieldStyle, _ index: inout Int, corruption: Corruption?, dropLast: Bool) {
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
}
