/// The quality of one archived day: every check with its population and failures, the score
/// and grade they give, the research funnel, and what to do about the worst.
public struct DayQuality: Sendable, Codable, Equatable {
    public var date: String
    public var symbol: String
    public var dataset: String
    /// The file's SHA-256, so a stored result is tied to the bytes it judged.
    public var sha256: String?
    public var suiteVersion: String
    public var thresholdsHash: String
    public var rows: Int64
    /// 0 to 100; 0 when a blocker failed.
    public var score: Double
    public var grade: Grade
    /// Each dimension's score, 0 to 100; nil when none of its checks could be evaluated.
    public var dimensions: [String: Double?]
    /// Every check of the suite, evaluated or not, in id order.
    public var checks: [CheckResult]
    public var funnel: [FunnelStep]
    public var recommendations: [String]
    /// Why the day stands out from its previous sessions (score, rows, quiet-row share), if it does.
    public var trendFlags: [String]
    /// Rows of intervals without a quote or trade, as a fraction of the rows (nil without bid and ask or volume).
    public var quietShare: Double?
    /// The underlying's price at the day's last instant: the next session's reference for V8.
    public var underlyingClose: Double?

    /// The suite's version: it changes when a check's meaning or scoring changes.
    public static let suiteVersion = "1"

    public init(date: String, symbol: String, dataset: String, sha256: String?, thresholdsHash: String, rows: Int64,
                score: Double, grade: Grade, dimensions: [String: Double?], checks: [CheckResult], funnel: [FunnelStep],
                recommendations: [String], trendFlags: [String]) {
        self.date = date
        self.symbol = symbol
        self.dataset = dataset
        self.sha256 = sha256
        suiteVersion = Self.suiteVersion
        self.thresholdsHash = thresholdsHash
        self.rows = rows
        self.score = score
        self.grade = grade
        self.dimensions = dimensions
        self.checks = checks
        self.funnel = funnel
        self.recommendations = recommendations
        self.trendFlags = trendFlags
    }

    public func check(_ id: QualityCheck.ID) -> CheckResult? { checks.first { $0.id == id } }
}

/// A letter for a score: A from 95, B from 85, C from 70, D from 50, else F.
public enum Grade: String, Sendable, Codable, CaseIterable, Comparable {
    case a = "A", b = "B", c = "C", d = "D", f = "F"

    public init(score: Double) {
        self = switch score {
        case 95...: .a
        case 85...: .b
        case 70...: .c
        case 50...: .d
        default: .f
        }
    }

    /// A before F.
    public static func < (x: Self, y: Self) -> Bool { allCases.firstIndex(of: x)! < allCases.firstIndex(of: y)! }
}

/// One check's outcome on a day.
public struct CheckResult: Sendable, Codable, Equatable {
    public var id: QualityCheck.ID
    public var severity: QualityCheck.Severity
    /// The population looked at (rows, contracts, intervals, columns: the check's doc says
    /// which); 0 means not evaluated, never a pass.
    public var evaluated: Int64
    public var failed: Int64
    /// Breaches at mid prices only (X1-X3), a warning besides `failed`.
    public var midOnly: Int64
    /// failed / evaluated; nil when not evaluated.
    public var rate: Double?
    /// `1 − rate / tolerance` clamped to [0, 1] for scored checks; nil otherwise or when not evaluated.
    public var score: Double?
    /// A few failures' keys.
    public var examples: [String]

    public var isEvaluated: Bool { evaluated > 0 }

    public init(id: QualityCheck.ID, severity: QualityCheck.Severity, evaluated: Int64, failed: Int64, midOnly: Int64 = 0,
                rate: Double?, score: Double?, examples: [String]) {
        self.id = id
        self.severity = severity
        self.evaluated = evaluated
        self.failed = failed
        self.midOnly = midOnly
        self.rate = rate
        self.score = score
        self.examples = examples
    }
}

/// How many rows one research filter would remove (Constantinides, Jackwerth and Savov's
/// sample filters and the like); never a defect.
public struct FunnelStep: Sendable, Codable, Equatable {
    public var filter: String
    public var removed: Int64
    public var of: Int64

    public init(filter: String, removed: Int64, of: Int64) {
        self.filter = filter
        self.removed = removed
        self.of = of
    }
}
