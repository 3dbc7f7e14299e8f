import ArchiveFormat
import MarketCalendar

/// The checks that read the file's rows, in one pass over its row groups.
struct DayScan {
    struct Found {
        var tallies: [QualityCheck.ID: CheckTally]
        var funnel: [FunnelStep]
        var rows: Int64
        /// Distinct (root, expiration, strike, right) seen, for C2.
        var contracts: Int
        /// Share of rows of intervals without a quote or trade, for the trend flags.
        var quietShare: Double?
    }

    private var rows: Int64 = 0

    init(layout: ArchiveColumns, footer: ArchiveFooter, calendar: NYSECalendar, thresholds: QualityThresholds,
         context: QualityContext) {}

    mutating func add(_ group: RowGroupColumns) throws { rows += Int64(group.count) }

    func finish() -> Found { Found(tallies: [:], funnel: [], rows: rows, contracts: 0, quietShare: nil) }
}
