import ArchiveFormat
import MarketCalendar

/// The checks that compare the file with what the ledger knows (C2, C3, C5, U3); without
/// that knowledge each is "not evaluated".
struct ContextChecks {
    let tallies: [QualityCheck.ID: CheckTally]

    init(context: QualityContext, thresholds: QualityThresholds, rows: Int64, contractsWithRows: Int, footer: ArchiveFooter) {
        var tallies: [QualityCheck.ID: CheckTally] = [:]
        // C2: each listed contract is one member; those without a row fail.
        if let listed = context.listedContracts, listed > 0 {
            let missing = max(listed - contractsWithRows, 0)
            tallies[.c2] = CheckTally(evaluated: Int64(listed), failed: Int64(missing),
                                      examples: missing > 0 ? ["\(missing) of \(listed) listed contracts have no rows"] : [])
        }
        // C3: each expiration alive is one member; those neither archived nor recorded empty fail.
        if let alive = context.expirationsAlive, alive > 0 {
            let missing = max(alive - (context.expirationsAccounted ?? 0), 0)
            tallies[.c3] = CheckTally(evaluated: Int64(alive), failed: Int64(missing),
                                      examples: missing > 0 ? ["\(missing) of \(alive) expirations neither archived nor empty"] : [])
        }
        // C5: the day is one member, failed when its row count drifts from the previous sessions'.
        let history = context.previousRowCounts.suffix(thresholds.history).map(Double.init)
        if history.count >= 3 {
            let median = Robust.median(history)
            let ratio = median > 0 ? Double(rows) / median : .infinity
            let z = Robust.modifiedZ(Double(rows), of: history)
            let drifts = ratio > thresholds.rowCountRatio || ratio < 1 / thresholds.rowCountRatio || abs(z) > thresholds.modifiedZ
            var tally = CheckTally()
            tally.count(failed: drifts, key: "\(rows) rows against a median of \(Int(median)) over \(history.count) sessions")
            tallies[.c5] = tally
        }
        // U3: the day is one member, failed when another date has the same content.
        if let same = context.datesWithSameContent {
            var tally = CheckTally()
            tally.count(failed: !same.isEmpty, key: "same rows as " + same.map(\.description).joined(separator: ", "))
            tallies[.u3] = tally
        }
        self.tallies = tallies
    }
}
