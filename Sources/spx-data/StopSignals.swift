#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Pipeline
import Synchronization

/// SIGINT and SIGTERM while dates are processed: the first asks the run to stop gracefully
/// (the expirations in flight are abandoned, what is staged is kept, the dates are marked);
/// a second one exits at once, after removing the temporary Parquet files being written, so
/// that no partial file is left in the archive tree either way.
final class StopSignals: Sendable {
    /// Set up in `init`, cancelled in `cancel`, never touched concurrently.
    nonisolated(unsafe) private let sources: [any DispatchSourceSignal]
    private let received: FirstSignal

    /// - Parameter onFirst: called once, off the main thread, with the first signal's number.
    init(onFirst: @escaping @Sendable (Int32) -> Void) {
        let received = FirstSignal()
        self.received = received
        sources = [SIGINT, SIGTERM].map { number in
            // Dispatch only sees a signal whose default action is off.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if received.number.compareExchange(expected: 0, desired: number, ordering: .relaxed).exchanged {
                    onFirst(number)
                } else {
                    InFlightFiles.removeAll()
                    _exit(128 + number)
                }
            }
            source.resume()
            return source
        }
    }

    /// The first signal received, if any.
    var stoppedBy: Int32? {
        let number = received.number.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }

    /// Stops watching and gives the signals their default action back.
    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    static func name(_ number: Int32) -> String { number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "signal \(number)" }
}

/// The first stop signal's number, 0 until one arrives.
private final class FirstSignal: Sendable {
    let number = Atomic<Int32>(0)
}
