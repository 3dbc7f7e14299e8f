/// The checks of one contract's rows together, which rely on the archive's sort (root,
/// expiration, strike, right, time): a contract's rows are one run, possibly across row groups,
/// and its state is kept only until the run ends.
///
/// - U1 (rows): the row's (root, expiration, strike, right, timestamp) key appeared before.
/// - U2 (rows): a repeated key whose value columns (every column but the seven key and time
///   columns, nulls told apart) differ from the first row with that key. Every U2 failure is
///   a U1 failure too: a conflicting repeat is a repeat.
/// - C1 (intervals; interval datasets on a session): each contract's grid is the interval
///   starts from the open to before the close (`DayFacts.slots`, early closes included); a
///   slot fails when no row's ms of day falls in it.
/// - T1 (rows after a contract's first, repeats excepted): a timestamp below the previous
///   row's. A repeated timestamp is U1's, so that one duplicate counts once.
/// - V9 (warning; two-sided rows of contracts whose median spread is above 0): a spread
///   (ask − bid) above `spreadToMedian` times the contract's median spread over the day.
///
/// It also counts the distinct contracts (C2 compares them with the Terminal's listing).
struct ContractChecks {
    private(set) var u1 = CheckTally(), u2 = CheckTally(), c1 = CheckTally(), t1 = CheckTally(), v9 = CheckTally()
    private(set) var contracts = Set<ContractKey>()
    private let facts: DayFacts
    private var rootNames: [String] = []
    private var current: ContractKey?
    private var seen = SeenKeys()
    private var previousTime: Int64?
    /// C1: the current contract's filled slots, a bit each.
    private var slotWords: [UInt64]
    private var filledSlots = 0
    /// V9: the current contract's spreads and their rows' ms of day, for the examples.
    private var spreads: [Double] = []
    private var spreadTimes: [Int32] = []
    private var scratch: [Double] = []

    init(facts: DayFacts) {
        self.facts = facts
        slotWords = [UInt64](repeating: 0, count: (facts.slots + 63) / 64)
    }

    mutating func scan(_ g: ScanGroup) {
        rootNames = g.rootNames
        let c = g.columns
        for run in g.runs {
            if run.isNew { begin(run.key) }
            for row in run.rows {
                let time = c.timestamp[row]
                if let first = seen.first(at: time, row: row) {
                    u1.count(failed: true, key: g.key(row))
                    u2.count(failed: seen.hash(of: first, in: g) != g.valueHash(row), key: g.key(row))
                } else {
                    u1.evaluated += 1
                    u2.evaluated += 1
                    if let previousTime {
                        t1.count(failed: time < previousTime, key: g.key(row))
                    }
                }
                previousTime = time
                if facts.slots > 0, let slot = facts.slot(msOfDay: c.msOfDay[row]) {
                    let bit: UInt64 = 1 << UInt64(slot & 63)
                    if slotWords[slot >> 6] & bit == 0 {
                        slotWords[slot >> 6] |= bit
                        filledSlots += 1
                    }
                }
                if let bid = g.bid?.values[row], let ask = g.ask?.values[row], bid > 0, ask > 0 {
                    spreads.append(ask - bid)
                    spreadTimes.append(c.msOfDay[row])
                }
            }
        }
        seen.carry(out: g)
    }

    /// Ends the last contract: call once, after the last row group.
    mutating func finish() { end() }

    private mutating func begin(_ key: ContractKey) {
        end()
        current = key
        contracts.insert(key)
    }

    private mutating func end() {
        guard let key = current else { return }
        current = nil
        if facts.slots > 0 { endGrid(key) }
        endSpreads(key)
        seen.reset()
        previousTime = nil
    }

    private mutating func endGrid(_ key: ContractKey) {
        c1.evaluated += Int64(facts.slots)
        c1.failed += Int64(facts.slots - filledSlots)
        if filledSlots < facts.slots && c1.examples.count < CheckTally.maxExamples {
            for slot in 0..<facts.slots where slotWords[slot >> 6] & (1 << UInt64(slot & 63)) == 0 {
                c1.examples.append(Self.example(rootNames, key, msOfDay: facts.openMs + Int32(slot) * facts.intervalMs) + " missing")
                if c1.examples.count == CheckTally.maxExamples { break }
            }
        }
        for i in slotWords.indices { slotWords[i] = 0 }
        filledSlots = 0
    }

    private mutating func endSpreads(_ key: ContractKey) {
        defer {
            spreads.removeAll(keepingCapacity: true)
            spreadTimes.removeAll(keepingCapacity: true)
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: spreads)
        let median = Robust.median(reordering: &scratch)
        guard median > 0 else { return }
        let limit = facts.thresholds.spreadToMedian * median
        let names = rootNames
        for (i, spread) in spreads.enumerated() {
            v9.count(failed: spread > limit,
                     key: Self.example(names, key, msOfDay: spreadTimes[i]) + " spread \(spread), median \(median)")
        }
    }

    private static func example(_ rootNames: [String], _ key: ContractKey, msOfDay: Int32) -> String {
        ExampleKey.of(root: rootNames[Int(key.root)], expiration: key.expiration, strike: key.strike, right: key.right,
                      msOfDay: msOfDay)
    }
}
