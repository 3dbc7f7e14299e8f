/// The datasets the archive knows. Field lists follow the reference's §5.3 (v2) and §5.4 (v3);
/// each archive column keeps the Terminal's own name where it has one, so the archive reads
/// against ThetaData's documentation.
extension Dataset {
    /// First-order greeks at an interval, one expiration per request.
    public static let greeks = Dataset(
        name: "greeks",
        v2: .init(path: "/v2/bulk_hist/option/greeks", timeColumn: "ms_of_day"),
        v3: .init(path: "/v3/option/history/greeks/first_order", timeColumn: "timestamp"),
        columns: [
            .init("bid"), .init("ask"), .init("delta"), .init("theta"), .init("vega"), .init("rho"),
            .init("epsilon"), .init("lambda"), .init("implied_vol"), .init("iv_error"),
        ] + underlying)

    public static let greeksSecondOrder = Dataset(
        name: "greeks_second_order",
        v2: .init(path: "/v2/bulk_hist/option/greeks_second_order", timeColumn: "ms_of_day"),
        v3: .init(path: "/v3/option/history/greeks/second_order", timeColumn: "timestamp"),
        columns: [
            .init("bid"), .init("ask"), .init("gamma"), .init("vanna"), .init("charm"), .init("vomma"),
            .init("veta"), .init("implied_vol"), .init("iv_error"),
        ] + underlying)

    public static let greeksThirdOrder = Dataset(
        name: "greeks_third_order",
        v2: .init(path: "/v2/bulk_hist/option/greeks_third_order", timeColumn: "ms_of_day"),
        v3: .init(path: "/v3/option/history/greeks/third_order", timeColumn: "timestamp"),
        columns: [
            .init("bid"), .init("ask"), .init("speed"), .init("zomma"), .init("color"), .init("ultima"),
            .init("implied_vol"), .init("iv_error"),
        ] + underlying)

    /// The last quote of each interval.
    public static let quotes = Dataset(
        name: "quotes",
        v2: .init(path: "/v2/bulk_hist/option/quote", timeColumn: "ms_of_day"),
        v3: .init(path: "/v3/option/history/quote", timeColumn: "timestamp"),
        columns: quoteColumns)

    /// Trade bars; `vwap` only in v3.
    public static let ohlc = Dataset(
        name: "ohlc",
        v2: .init(path: "/v2/bulk_hist/option/ohlc", timeColumn: "ms_of_day"),
        v3: .init(path: "/v3/option/history/ohlc", timeColumn: "timestamp"),
        columns: [
            .init("open"), .init("high"), .init("low"), .init("close"),
            .init("volume", .integer), .init("count", .integer), .init("vwap", v2: nil),
        ])

    /// Open interest: one row a day, published in the morning (about 06:30 New York) with
    /// the previous session's figure; the row's time is the publication.
    public static let openInterest = Dataset(
        name: "open_interest",
        v2: .init(path: "/v2/bulk_hist/option/open_interest", takesInterval: false, timeColumn: "ms_of_day"),
        v3: .init(path: "/v3/option/history/open_interest", takesInterval: false, timeColumn: "timestamp"),
        columns: [.init("open_interest", .integer)])

    /// End-of-day report: the row time is when the report was made (about 17:15), kept in v3
    /// as `created` too; the last trade can be days old for a contract that did not trade.
    public static let eod = Dataset(
        name: "eod",
        v2: .init(path: "/v2/bulk_hist/option/eod", takesInterval: false, timeColumn: "ms_of_day"),
        v3: .init(path: "/v3/option/history/eod", takesInterval: false, timeColumn: "created"),
        columns: [
            .init("created", .dateTime, v2: nil),
            .init("last_trade", .dateTime, v2: nil),
            .init("ms_of_day2", .timeOfDay, v3: nil),
            .init("open"), .init("high"), .init("low"), .init("close"),
            .init("volume", .integer), .init("count", .integer),
        ] + quoteColumns)

    /// Every dataset declared above.
    public static let all: [Dataset] = [
        greeks, quotes, ohlc, openInterest, eod, greeksSecondOrder, greeksThirdOrder,
    ]

    /// The contracts alive on a date: contract columns only, no time.
    static let contracts = Dataset(
        name: "contracts",
        v2: .init(path: "/v2/list/contracts/option/quote", takesInterval: false, timeColumn: ""),
        v3: .init(path: "/v3/option/list/contracts/quote", takesInterval: false, timeColumn: ""),
        columns: [])

    /// The underlying's quote the greeks were computed from. v3 gives its full date-time,
    /// which precedes the row's date for a first bar priced off the previous close; v2 gives
    /// only its ms of day (`ms_of_day2`), kept as sent.
    private static let underlying: [Column] = [
        .init("underlying_timestamp", .dateTime, v2: nil),
        .init("ms_of_day2", .timeOfDay, v3: nil),
        .init("underlying_price"),
    ]

    private static let quoteColumns: [Column] = [
        .init("bid_size", .integer), .init("bid_exchange", .integer), .init("bid"),
        .init("bid_condition", .integer), .init("ask_size", .integer), .init("ask_exchange", .integer),
        .init("ask"), .init("ask_condition", .integer),
    ]
}
