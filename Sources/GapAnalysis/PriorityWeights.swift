public import MarketCalendar

/// How a gap's priority (0 to 100) is made from three scores, each 0 to 1:
///
/// - recency: `0.5 ^ (age in days / recencyHalfLifeDays)`, age counted back from "today";
/// - history: by category and attempts, since a day that failed again and again will likely
///   fail again and a half-done day is the cheapest to finish:
///
///   | category | score |
///   |---|---|
///   | partial | 1.0 |
///   | never attempted | 0.8 |
///   | failed | 0.6 × 0.75 ^ (attempts − 1) |
///   | vendor had no data | 0.1 |
///   | pending at vendor | 0.9 |
///   | archived before publication | 0.95 |
///   | below quality | 0.5 |
///   | not in subscription | 0.05 |
///
/// - volatility: the highest `intensity` of the periods the date falls in, else 0.
///
/// priority = 100 × (recency·r + history·h + volatility·v) / (recency + history + volatility).
public struct PriorityWeights: Sendable, Hashable {
    public var recency: Double
    public var history: Double
    public var volatility: Double
    /// Age at which the recency score halves.
    public var recencyHalfLifeDays: Double

    /// Defaults weigh the three equally with a one-year half-life.
    public init(recency: Double = 1, history: Double = 1, volatility: Double = 1, recencyHalfLifeDays: Double = 365) {
        self.recency = max(recency, 0)
        self.history = max(history, 0)
        self.volatility = max(volatility, 0)
        self.recencyHalfLifeDays = max(recencyHalfLifeDays, 1)
    }

    /// The priority of a gap on `date` seen on `today`; 0 when every weight is 0.
    public func priority(date: CivilDate, today: CivilDate, category: GapCategory, attempts: Int,
                         volatility: Double) -> Double {
        let total = recency + history + volatility
        guard total > 0 else { return 0 }
        let age = Double(max(0, date.distance(to: today)))
        let r = recency == 0 ? 0 : Self.halving(age / recencyHalfLifeDays)
        let h = Self.historyScore(category, attempts: attempts)
        return 100 * (recency * r + history * h + self.volatility * volatility) / total
    }

    static func historyScore(_ category: GapCategory, attempts: Int) -> Double {
        switch category {
        case .partial: 1
        case .neverAttempted: 0.8
        case .failed: 0.6 * power(0.75, max(attempts - 1, 0))
        case .noData: 0.1
        // Published late: asked again soon, and it is the freshest data.
        case .pendingAtVendor: 0.9
        // The day is there but may be incomplete: cheap to redo, and fresh.
        case .archivedEarly: 0.95
        // The file is there; a fresh fetch may be better, but it is not missing.
        case .belowQuality: 0.5
        // Asking again cannot help until the subscription changes.
        case .permission: 0.05
        }
    }

    /// 0.5 ^ x without Foundation's `pow`: whole halvings, then the fraction by exp2's series.
    static func halving(_ x: Double) -> Double {
        guard x > 0 else { return 1 }
        guard x < 1000 else { return 0 }
        let whole = x.rounded(.down), fraction = x - whole
        // 2^-f = e^(-f ln 2); the series converges fast for f in [0, 1).
        let y = -fraction * 0.693_147_180_559_945_3
        var term = 1.0, sum = 1.0
        for k in 1...20 {
            term *= y / Double(k)
            sum += term
        }
        return sum * power(0.5, Int(whole))
    }

    static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= base }
        return result
    }
}
