public import MarketCalendar

/// What the ledger knows about a day besides its file: the checks that compare the file with
/// the Terminal's listing, the previous sessions or other dates need it, and are "not
/// evaluated" without it (scoring a lone file with `--file`).
public struct QualityContext: Sendable {
    /// The previous session's last underlying price (V8).
    public var previousClose: Double?
    /// Contracts the Terminal listed for the day (C2), summed over its roots and expirations.
    public var listedContracts: Int?
    /// Expirations alive on the day, and those archived or recorded empty (C3).
    public var expirationsAlive: Int?
    public var expirationsAccounted: Int?
    /// Row counts of the previous sessions of the same symbol and dataset, oldest first (C5).
    public var previousRowCounts: [Int64] = []
    /// Other dates whose staged content hash equals this day's (U3); nil when unknown.
    public var datesWithSameContent: [CivilDate]?
    /// Previous sessions' scores and quiet-row shares, oldest first, for the trend flags.
    public var previousScores: [Double] = []
    public var previousQuietShares: [Double] = []

    public init() {}
}
