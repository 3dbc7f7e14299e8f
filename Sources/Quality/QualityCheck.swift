/// One content check of an archived day. The ids are part of the interface: reports, the
/// ledger and tests name checks by them, so an id never changes meaning.
public struct QualityCheck: Sendable, Hashable {
    public enum ID: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
        case s1 = "S1", s2 = "S2", s3 = "S3", s4 = "S4"
        case u1 = "U1", u2 = "U2", u3 = "U3"
        case c1 = "C1", c2 = "C2", c3 = "C3", c4 = "C4", c5 = "C5", c6 = "C6"
        case v1 = "V1", v2 = "V2", v3 = "V3", v4 = "V4", v5 = "V5", v6 = "V6", v7 = "V7", v8 = "V8", v9 = "V9", v11 = "V11"
        case g1 = "G1", g2 = "G2", g3 = "G3", g4 = "G4"
        case i1 = "I1", i3 = "I3", i4 = "I4"
        case x1 = "X1", x2 = "X2", x3 = "X3", x4 = "X4", x5 = "X5"
        case t1 = "T1", t2 = "T2", t3 = "T3"

        public static func < (a: Self, b: Self) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// How a failure counts.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// Any failure makes the day's score 0: the file cannot be what it claims to be.
        case blocker
        /// Scored at full weight: a defect a backtest would trade on.
        case error
        /// Scored at half weight: visible only at mid prices, or a convention rather than a defect.
        case warning
        /// Reported, not scored.
        case info
        /// A research filter (how many rows a sample filter would remove), never a defect.
        case funnel
    }

    /// What a scored check says something about; the day's score weighs them.
    public enum Dimension: String, Sendable, Hashable, CaseIterable, Codable {
        case completeness, validity, consistency, timeliness, uniqueness

        /// The dimension's weight in the day's score.
        public var weight: Double {
            switch self {
            case .completeness: 0.30
            case .validity: 0.25
            case .consistency: 0.20
            case .timeliness: 0.15
            case .uniqueness: 0.10
            }
        }
    }

    public let id: ID
    public let severity: Severity
    /// Nil for blockers, information and the funnel, which are not scored by dimension.
    public let dimension: Dimension?
    /// The failure rate at which the check's score reaches 0 (`1 − rate / tolerance`).
    public let tolerance: Double
    /// What a failure is, in a researcher's words.
    public let summary: String

    public static func of(_ id: ID) -> QualityCheck { registry[id]! }

    /// Every check, in id order.
    public static var all: [QualityCheck] { ID.allCases.map(of) }

    public var isScored: Bool { severity == .error || severity == .warning }
}
