#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Named temporary Parquet files this process is writing into the archive tree (only where
/// the filesystem has no unnamed files, see `IncomingFile`). A second stop signal exits at
/// once, without unwinding; it removes these first, so that even then no partial file is left
/// beside the archive's files.
public enum InFlightFiles {
    private static let paths = Mutex<Set<String>>([])

    static func register(_ path: String) { _ = paths.withLock { $0.insert(path) } }

    static func unregister(_ path: String) { _ = paths.withLock { $0.remove(path) } }

    /// Unlinks every registered file; safe to call from a signal source's handler.
    public static func removeAll() {
        for path in paths.withLock({ $0 }) { unlink(path) }
    }
}
