import ArchiveFormat
import MarketCalendar

/// Every check that reads the file's rows, in one pass over its row groups. Each family keeps
/// what its checks need past a row: a contract's timestamps, grid and spreads, a contract's
/// last mids, an expiration's chain. So memory is one row group plus one expiration's quotes
/// (and the day's contract keys for C2, 24 bytes a contract), never a day's rows; and nothing
/// per row is a string, a dictionary or an allocation: an example key is built only for a
/// failure kept as an example. A full simulated day, 12.6 M one-minute rows, peaks near 150 MB.
///
/// The rules, each check's population and its source are in the families' documentation:
/// `RowChecks`, `QuoteChecks`, `GreekChecks`, `ColumnChecks`, `ContractChecks`,
/// `TimeSeriesChecks`, `ChainChecks`.
struct DayScan {
    struct Found {
        var tallies: [QualityCheck.ID: CheckTally]
        var funnel: [FunnelStep]
        var rows: Int64
        /// Distinct (root, expiration, strike, right) seen, for C2.
        var contracts: Int
        /// Share of rows of intervals without a quote or trade (as the ledger counts them, see
        /// `RowChecks`), for the trend flags; nil for datasets without intervals.
        var quietShare: Double?
        /// The underlying's price at the day's last instant, when the file has one.
        var underlyingClose: Double?
    }

    private let facts: DayFacts
    private var roots = RootTable()
    private var rows: Int64 = 0
    /// The last contract of the previous row group, which the next group's first rows may continue.
    private var lastContract: ContractKey?
    private var rowChecks: RowChecks
    private var quoteChecks = QuoteChecks()
    private var greekChecks: GreekChecks
    private var columnChecks: ColumnChecks
    private var contractChecks: ContractChecks
    private var timeSeriesChecks: TimeSeriesChecks
    private var chainChecks: ChainChecks

    init(layout: ArchiveColumns, footer: ArchiveFooter, calendar: NYSECalendar, thresholds: QualityThresholds,
         context: QualityContext) {
        facts = DayFacts(footer: footer, calendar: calendar, thresholds: thresholds, context: context)
        rowChecks = RowChecks(facts: facts)
        greekChecks = GreekChecks(thresholds: thresholds)
        columnChecks = ColumnChecks(layout: layout)
        contractChecks = ContractChecks(facts: facts)
        timeSeriesChecks = TimeSeriesChecks(thresholds: thresholds)
        chainChecks = ChainChecks(thresholds: thresholds)
    }

    /// Runs every check over one row group; groups must come in file order.
    mutating func add(_ columns: RowGroupColumns) {
        guard columns.count > 0 else { return }
        let group = ScanGroup(columns, roots: &roots, previous: lastContract)
        rows += Int64(group.count)
        rowChecks.scan(group)
        quoteChecks.scan(group)
        greekChecks.scan(group)
        columnChecks.scan(group)
        contractChecks.scan(group)
        timeSeriesChecks.scan(group)
        chainChecks.scan(group)
        lastContract = group.runs.last?.key
    }

    /// Ends the last contract and chain and gathers every tally.
    mutating func finish() -> Found {
        contractChecks.finish()
        timeSeriesChecks.finish()
        chainChecks.finish()
        let r = rowChecks, q = quoteChecks, g = greekChecks, k = contractChecks, t = timeSeriesChecks, x = chainChecks
        let tallies: [QualityCheck.ID: CheckTally] = [
            .s2: r.s2, .s3: r.s3, .s4: columnChecks.s4,
            .u1: k.u1, .u2: k.u2,
            .c1: k.c1, .c4: columnChecks.c4, .c6: r.c6,
            .v1: r.v1, .v2: q.v2, .v3: q.v3, .v4: q.v4, .v5: q.v5, .v6: q.v6, .v7: q.v7, .v8: r.v8, .v9: k.v9, .v11: r.v11,
            .g1: g.g1, .g2: g.g2, .g3: g.g3, .g4: g.g4,
            .i1: g.i1, .i3: g.i3, .i4: g.i4,
            .x1: x.x1, .x2: x.x2, .x3: x.x3, .x4: x.x4, .x5: x.x5,
            .t1: k.t1, .t2: t.t2, .t3: t.t3,
        ]
        let thresholds = facts.thresholds
        let funnel = [
            FunnelStep(filter: "days to expiry < \(thresholds.funnelMinDays)", removed: r.shortDated.removed, of: r.shortDated.of),
            FunnelStep(filter: "moneyness K/S outside \(thresholds.funnelMoneynessLow)-\(thresholds.funnelMoneynessHigh)",
                       removed: r.outOfMoneyness.removed, of: r.outOfMoneyness.of),
            FunnelStep(filter: "implied volatility outside \(Self.percent(thresholds.ivFunnelLow))-\(Self.percent(thresholds.ivFunnelHigh))",
                       removed: g.i3.failed, of: g.i3.evaluated),
            FunnelStep(filter: "zero bid", removed: q.v4.failed, of: q.v4.evaluated),
        ]
        let hasIntervals = DayFacts.intervalDatasets.contains(facts.dataset)
        return Found(tallies: tallies, funnel: funnel, rows: rows, contracts: k.contracts.count,
                     quietShare: hasIntervals && rows > 0 ? Double(r.quietRows) / Double(rows) : nil,
                     underlyingClose: r.underlyingClose)
    }

    /// 0.05 as `5%`.
    private static func percent(_ share: Double) -> String { TrendFlags.format(share * 100) + "%" }
}
