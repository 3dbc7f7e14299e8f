import Dispatch
import Synchronization

/// The staged files of one conversion, handed out in order, possibly before all of them
/// exist: `next()` waits until the next file is provided, so a day's conversion can run
/// while its later expirations are still being fetched.
public final class InputFiles: Sendable {
    private struct State {
        var paths: [String?]
        var next = 0
        var abandoned = false
    }

    private let state: Mutex<State>
    /// One per file, signalled when it is provided (or when everything is abandoned).
    private let ready: [DispatchSemaphore]

    public init(count: Int) {
        state = Mutex(State(paths: Array(repeating: nil, count: count)))
        ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
    }

    /// Files that all exist already.
    public convenience init(_ paths: [String]) {
        self.init(count: paths.count)
        for (index, path) in paths.enumerated() { provide(index, path) }
    }

    public var count: Int { ready.count }

    /// File `index` is complete.
    public func provide(_ index: Int, _ path: String) {
        state.withLock { $0.paths[index] = path }
        ready[index].signal()
    }

    /// No more files will come: a waiting `next()` throws `CancellationError`.
    public func abandon() {
        let waiting = state.withLock { s -> Int? in
            s.abandoned = true
            return s.next < s.paths.count ? s.next : nil
        }
        if let waiting { ready[waiting].signal() }
    }

    /// The next file in order, waiting for it; nil after the last.
    public func next() throws -> String? {
        // Abandoned before this call: nothing will signal, so do not wait.
        let index = try state.withLock { s throws -> Int? in
            if s.abandoned { throw CancellationError() }
            return s.next < s.paths.count ? s.next : nil
        }
        guard let index else { return nil }
        ready[index].wait()
        return try state.withLock { s throws -> String? in
            guard let path = s.paths[index], !s.abandoned else { throw CancellationError() }
            s.next += 1
            return path
        }
    }
}
