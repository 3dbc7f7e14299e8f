import Dispatch
import Parquet
import Synchronization

/// A bounded hand-off of decoded batches from the decoder thread to the writer.
final class BatchQueue: Sendable {
    private struct State {
        var items: [[ColumnBatch]] = []
        var closed = false
        var cancelled = false
    }
    private let state = Mutex(State())
    private let slots: DispatchSemaphore
    private let available = DispatchSemaphore(value: 0)

    init(capacity: Int) { slots = DispatchSemaphore(value: capacity) }

    /// Blocks while the queue is full; false once the consumer has cancelled.
    func put(_ batch: [ColumnBatch]) -> Bool {
        slots.wait()
        let accepted = state.withLock { s -> Bool in
            guard !s.cancelled else { return false }
            s.items.append(batch)
            return true
        }
        available.signal()
        return accepted
    }

    /// The next batch, or nil once the producer has closed the queue and it is drained.
    func take() -> [ColumnBatch]? {
        available.wait()
        let item = state.withLock { s -> [ColumnBatch]? in s.items.isEmpty ? nil : s.items.removeFirst() }
        if item != nil { slots.signal() }
        return item
    }

    func close() {
        state.withLock { $0.closed = true }
        available.signal()
    }

    /// Called by the consumer on failure: the producer's next `put` returns false.
    func cancel() {
        state.withLock {
            $0.cancelled = true
            $0.items.removeAll()
        }
        slots.signal()
    }
}

/// The decoder thread's result, waited for by the writer.
final class DecodeOutcome: Sendable {
    private let result = Mutex<Result<ConversionSummary, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    func finish(_ r: Result<ConversionSummary, any Error>) {
        result.withLock { $0 = r }
        done.signal()
    }

    func wait() -> Result<ConversionSummary, any Error> {
        done.wait()
        done.signal()  // let later waiters through too
        return result.withLock { $0! }
    }
}
