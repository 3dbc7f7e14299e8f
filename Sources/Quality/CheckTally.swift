/// What one check found: the population it looked at, how many failed, and a few of the
/// failures' keys (such as `SPXW 2024-03-15 5100 C 10:31`) for a person to look up.
public struct CheckTally: Sendable, Hashable, Codable {
    public var evaluated: Int64 = 0
    public var failed: Int64 = 0
    /// Members that breach a no-arbitrage bound at mid prices only, which no trade could lock
    /// in (X1-X3): a warning, scored at half the weight of a failure and not among `failed`.
    public var midOnly: Int64 = 0
    public var examples: [String] = []

    /// Examples kept per check.
    public static let maxExamples = 5

    public init(evaluated: Int64 = 0, failed: Int64 = 0, examples: [String] = []) {
        self.evaluated = evaluated
        self.failed = failed
        self.examples = examples
    }

    /// One member of the population; `key` is asked only when it failed and room is left.
    @inline(__always)
    public mutating func count(failed isFailure: Bool, key: @autoclosure () -> String) {
        evaluated += 1
        guard isFailure else { return }
        failed += 1
        if examples.count < Self.maxExamples { examples.append(key()) }
    }

    public mutating func merge(_ other: CheckTally) {
        evaluated += other.evaluated
        failed += other.failed
        midOnly += other.midOnly
        examples += other.examples.prefix(Self.maxExamples - examples.count)
    }

    /// failed / evaluated; nil when nothing was evaluated.
    public var rate: Double? { evaluated > 0 ? Double(failed) / Double(evaluated) : nil }
}
