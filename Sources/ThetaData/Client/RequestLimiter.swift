import Synchronization

/// An async semaphore capping the Terminal requests in flight: one per process, shared by
/// every client, since the Terminal's limit is per account. Waiters are served first come,
/// first served; a waiter whose task is cancelled leaves the queue at once.
public final class RequestLimiter: Sendable {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var available: Int
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
        /// Waiters cancelled before they were queued (the cancel handler ran first).
        var cancelledEarly: Set<UInt64> = []
    }

    public let limit: Int
    private let state: Mutex<State>

    public init(limit: Int) {
        precondition(limit > 0, "a request limiter needs at least one permit")
        self.limit = limit
        state = Mutex(State(available: limit))
    }

    /// Requests running now (permits taken).
    public var inFlight: Int { state.withLock { limit - $0.available } }

    /// Runs `body` holding one permit; waits for one first, in order of arrival.
    /// - Throws: `CancellationError` if the task is cancelled while waiting.
    public func withPermit<T>(_ body: () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    func acquire() async throws {
        try Task.checkCancellation()
        let id = state.withLock { s in
            s.nextID += 1
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Outcome { case granted, cancelled, queued }
                let outcome = state.withLock { s -> Outcome in
                    if s.cancelledEarly.remove(id) != nil { return .cancelled }
                    if s.available > 0 && s.waiters.isEmpty {
                        s.available -= 1
                        return .granted
                    }
                    s.waiters.append(Waiter(id: id, continuation: continuation))
                    return .queued
                }
                switch outcome {
                case .granted: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .queued: break
                }
            }
        } onCancel: {
            let removed = state.withLock { s -> Waiter? in
                if let index = s.waiters.firstIndex(where: { $0.id == id }) { return s.waiters.remove(at: index) }
                s.cancelledEarly.insert(id)
                return nil
            }
            removed?.continuation.resume(throwing: CancellationError())
        }
        // A permit granted after the task was cancelled is still held and released by the caller.
    }

    func release() {
        let next = state.withLock { s -> Waiter? in
            if s.waiters.isEmpty {
                s.available += 1
                return nil
            }
            // The permit passes straight to the longest waiter.
            return s.waiters.removeFirst()
        }
        next?.continuation.resume()
    }
}
