public import MarketCalendar
public import Quality
public import ThetaData

/// One (symbol, dataset, date) to archive.
public struct DayJob: Sendable, Hashable {
    /// The underlying, upper-case: SPX archives roots SPX and SPXW.
    public var symbol: String
    public var dataset: Dataset
    public var date: CivilDate
    public var intervalMs: Int
    /// The ledger's error type of the failure this run retries, if it is a retry: kept with
    /// a new failure, and named when the old errors are marked resolved.
    public var retryOf: String?
    /// Ask the Terminal even before the vendor's publication time (`process --force`).
    public var ignoresAvailability: Bool

    public init(symbol: String, dataset: Dataset, date: CivilDate, intervalMs: Int = 60_000, retryOf: String? = nil,
                ignoresAvailability: Bool = false) {
        self.symbol = symbol.uppercased()
        self.dataset = dataset
        self.date = date
        self.intervalMs = intervalMs
        self.retryOf = retryOf
        self.ignoresAvailability = ignoresAvailability
    }

    /// The option roots of the symbol: index options trade under more than one.
    public var roots: [String] {
        switch symbol {
        case "SPX": ["SPX", "SPXW"]
        case "NDX": ["NDX", "NDXP"]
        case "RUT": ["RUT", "RUTW"]
        default: [symbol]
        }
    }

    /// `YYYYMMDD`, the client's date form.
    var compactDate: Int32 { Int32(date.year * 10_000 + date.month * 100 + date.day) }
}

/// What archiving a day produced.
public struct DayResult: Sendable, Equatable {
    public var path: String
    public var rows: Int64
    public var bytes: Int64
    public var sha256: String
    public var expirations: Int
    /// Expirations fetched in this run (the others were staged by an earlier one).
    public var expirationsFetched: Int
    /// Expirations the Terminal had no rows for (472, or a body with only its header).
    public var emptyExpirations = 0
    /// Rows of intervals without a quote or trade, kept as served (see `QuietIntervals`).
    public var quietRows: Int64 = 0
    /// Archived before the vendor's publication time (forced): the day may be incomplete.
    public var archivedEarly = false
    public var requests: Int
    public var stagedBytes: Int64
    public var seconds: Double
    public var peakMemoryMB: Int
    /// The day's quality, recorded with it.
    public var quality: DayQuality?
    /// The hash of the staged rows (the footer's `spx-data.content_sha256`).
    public var contentHash: String?
    /// The staging files the day was made from, removed once the ledger records it.
    var stagedPaths: [String] = []

    /// `quietRows` as a fraction of the rows (0.05 is 5%), 0 for an empty day.
    public var quietShare: Double { rows > 0 ? Double(quietRows) / Double(rows) : 0 }
}
