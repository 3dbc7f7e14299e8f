/// Turns the checks' tallies into the day's score.
///
/// - a scored check gives `1 − failure rate / tolerance`, clamped to [0, 1], where a breach
///   visible at mid prices only (X1-X3) counts half a failure; a check with nothing to
///   evaluate gives no score (not a pass);
/// - a dimension is the mean of its evaluated checks, errors weighing 1 and warnings 0.5;
/// - the day is `100 × Σ weight · dimension / Σ weight` over the evaluated dimensions
///   (completeness 0.30, validity 0.25, consistency 0.20, timeliness 0.15, uniqueness 0.10);
/// - any failed blocker makes the day 0.
public enum QualityScorer {
    public static func results(_ tallies: [QualityCheck.ID: CheckTally]) -> [CheckResult] {
        QualityCheck.all.map { check in
            let tally = tallies[check.id] ?? CheckTally()
            var score: Double?
            if check.isScored, let rate = tally.rate {
                // A breach at mid prices only weighs half a tradeable one.
                let weighted = rate + 0.5 * Double(tally.midOnly) / Double(tally.evaluated)
                score = min(max(1 - weighted / check.tolerance, 0), 1)
            }
            return CheckResult(id: check.id, severity: check.severity, evaluated: tally.evaluated, failed: tally.failed,
                               midOnly: tally.midOnly, rate: tally.rate, score: score, examples: tally.examples)
        }
    }

    /// Each dimension's score (0 to 100), nil where nothing was evaluated.
    public static func dimensions(_ results: [CheckResult]) -> [QualityCheck.Dimension: Double?] {
        var out: [QualityCheck.Dimension: Double?] = [:]
        for dimension in QualityCheck.Dimension.allCases {
            var total = 0.0, weights = 0.0
            for result in results {
                let check = QualityCheck.of(result.id)
                guard check.dimension == dimension, let score = result.score else { continue }
                let weight = check.severity == .warning ? 0.5 : 1
                total += weight * score
                weights += weight
            }
            out[dimension] = weights > 0 ? 100 * total / weights : nil
        }
        return out
    }

    /// The day's score, 0 to 100.
    public static func score(_ results: [CheckResult]) -> Double {
        if results.contains(where: { $0.severity == .blocker && $0.failed > 0 }) { return 0 }
        var total = 0.0, weights = 0.0
        let scores = dimensions(results)
        // In a fixed order, so that the same results sum to the same last bit in every process.
        for dimension in QualityCheck.Dimension.allCases {
            guard let score = scores[dimension] ?? nil else { continue }
            total += dimension.weight * score
            weights += dimension.weight
        }
        return weights > 0 ? total / weights : 0
    }
}
