#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Named instants of a day's processing at which the crash test kills the process.
///
/// `SPX_DATA_CRASH_AT=NAME[#N]` sends SIGKILL to this process the Nth time (default 1) it
/// reaches the point NAME: no handler, no unwinding, no buffered write, exactly as
/// `kill -9` from outside, but at an instant chosen deterministically instead of by timing.
/// Unset, a point costs one load of a constant.
public enum CrashPoint: String, CaseIterable, Sendable {
    /// The day's ledger row now says `processing` by this process.
    case claimed = "claimed"
    /// The Terminal listed the contracts; the pending expirations are not recorded yet.
    case listed = "plan.listed"
    /// The pending expirations are in the ledger.
    case planned = "plan.recorded"
    /// A batch of rows of an expiration was appended to its `.partial` staging file.
    case fetching = "stage.rows"
    /// An expiration's staging file is written, not yet fsynced.
    case beforeStagingSync = "stage.before-fsync"
    /// fsynced, not yet renamed from `.partial`.
    case stagingSynced = "stage.fsynced"
    /// Renamed into place, not yet recorded `staged` in the ledger.
    case stagingRenamed = "stage.renamed"
    /// Recorded `staged`.
    case stagingRecorded = "stage.recorded"
    /// The conversion took its next staged file.
    case converting = "convert.input"
    /// The new file's footer is written and fsynced.
    case converted = "convert.closed"
    /// The new file verified; not yet in place.
    case verified = "verify.done"
    /// The new file is linked at its final name; its directory not yet fsynced.
    case renamed = "commit.renamed"
    /// Its directory is fsynced; no sidecar yet.
    case directorySynced = "commit.synced"
    /// The `.sha256` sidecar is written; the ledger still says `processing`.
    case sidecarWritten = "commit.sidecar"
    /// The ledger says `success`; metrics and the errors' resolution not yet written.
    case recordedSuccess = "ledger.success"
    /// The staging of the day is removed.
    case stagingRemoved = "commit.staging-removed"

    /// The point and occurrence armed by `SPX_DATA_CRASH_AT`, read once.
    private static let armed: (point: String, occurrence: Int)? = {
        guard let value = getenv("SPX_DATA_CRASH_AT").map({ String(cString: $0) }), !value.isEmpty else { return nil }
        let parts = value.split(separator: "#", maxSplits: 1)
        if CrashPoint(rawValue: String(parts[0])) == nil {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            let warning = "warning: SPX_DATA_CRASH_AT names no crash point: '\(parts[0])' (points: \(names))\n"
            _ = warning.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
        }
        return (String(parts[0]), parts.count > 1 ? Int(parts[1]) ?? 1 : 1)
    }()

    private static let reached = Mutex(0)

    /// Kills the process here when this is the armed point's armed occurrence.
    func reach() {
        guard let armed = Self.armed, armed.point == rawValue else { return }
        let count = Self.reached.withLock { count in
            count += 1
            return count
        }
        if count == armed.occurrence { kill(getpid(), SIGKILL) }
    }
}
