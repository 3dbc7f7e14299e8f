/// The Terminal's request cap: `limit` requests run, up to `queueLimit` wait in order, and
/// any more are refused (the caller answers 429).
actor ConcurrencyGate {
    let limit: Int
    let queueLimit: Int
    /// Requests holding a slot now: a streamed body holds it until its last byte is written
    /// or its connection is gone.
    private(set) var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// The most requests ever running at once, so tests can check the cap held.
    private(set) var peak = 0

    init(limit: Int, queueLimit: Int) {
        self.limit = max(1, limit)
        self.queueLimit = max(0, queueLimit)
    }

    /// Takes a slot, waiting in line if needed; false when the line is full.
    func enter() async -> Bool {
        if running < limit {
            running += 1
            peak = max(peak, running)
            return true
        }
        guard waiting.count < queueLimit else { return false }
        // The slot is handed over by `leave`, so `running` does not change here.
        await withCheckedContinuation { waiting.append($0) }
        return true
    }

    func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
