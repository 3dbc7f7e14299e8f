/// Why a day stands out from its previous sessions: its score, its rows or its share of
/// quiet rows is an outlier (modified z-score above the threshold) against the last ones.
enum TrendFlags {
    static func of(score: Double, rows: Int64, quietShare: Double?, context: QualityContext,
                   thresholds: QualityThresholds) -> [String] {
        var flags: [String] = []
        func check(_ name: String, _ value: Double, _ history: [Double]) {
            let recent = Array(history.suffix(thresholds.history))
            guard recent.count >= 3 else { return }
            let z = Robust.modifiedZ(value, of: recent)
            if abs(z) > thresholds.modifiedZ {
                flags.append("\(name) \(Self.format(value)) is an outlier against the last \(recent.count) sessions "
                             + "(median \(Self.format(Robust.median(recent))))")
            }
        }
        check("score", score, context.previousScores)
        check("rows", Double(rows), context.previousRowCounts.map(Double.init))
        if let quietShare { check("quiet-row share", quietShare, context.previousQuietShares) }
        return flags
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String((value * 1000).rounded() / 1000)
    }
}
