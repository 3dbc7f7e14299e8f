import Synchronization

/// How many faults of each kind the simulator has injected since it started, so a soak run
/// can report what it put the client through (`GET /simulator/faults`,
/// `RunningSimulator.injectedFaults()`).
///
/// A refusal (429, 474, 570, 571, 472, 403, 500, 400) counts once per answer, so every
/// request refused during a 474 outage counts; a cut body (`reset`, `truncate`) once when it
/// is cut, as `truncate` when both were drawn since its Content-Length is what the client
/// sees; a trickled body and a header-only (`empty`) body once; `malformed` once per broken
/// row sent. The concurrency cap's own 429 (a full queue), the 472 of a day without a session
/// and a v3 Terminal's 410s are behaviour, not injected faults, and are not counted.
final class FaultCounter: Sendable {
    private let counts = Mutex<[FaultSpec.Kind: Int]>([:])

    func add(_ kind: FaultSpec.Kind, _ count: Int = 1) {
        guard count > 0 else { return }
        counts.withLock { $0[kind, default: 0] += count }
    }

    /// Every kind, those never injected at 0.
    func snapshot() -> [FaultSpec.Kind: Int] {
        let counted = counts.withLock { $0 }
        return Dictionary(uniqueKeysWithValues: FaultSpec.Kind.allCases.map { ($0, counted[$0] ?? 0) })
    }

    /// `{"429":3,"474":0,…,"malformed":12}`: every kind by its `--faults` name, in the
    /// grammar's order.
    func json() -> String {
        let counted = snapshot()
        let fields = FaultSpec.Kind.allCases.map { "\"\($0.rawValue)\":\(counted[$0] ?? 0)" }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
