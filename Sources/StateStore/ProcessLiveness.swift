public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether the process a ledger row names is still the one that wrote it.
///
/// A pid alone is not enough: after a crash and a reboot the same number may belong to an
/// unrelated program, and a `processing` row would then block its date forever. On Linux the
/// process's start time (from `/proc`) must not be later than the instant the row says work
/// began; elsewhere `kill(pid, 0)` is all there is.
public enum ProcessLiveness {
    /// True when `pid` is running and, where the system tells, started no later than `since`.
    public static func isRunning(_ pid: Int32, since: Date? = nil) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let since, let started = startTime(of: pid) else { return true }
        // The row's instant has whole seconds; the process began before it was written.
        return started <= since.addingTimeInterval(1.5)
    }

    /// `isRunning` for a row's pid and its `started_at` text.
    public static func isRunning(_ pid: Int32, startedAt: String?) -> Bool {
        isRunning(pid, since: startedAt.flatMap(Timestamps.date(from:)))
    }

    /// When `pid` started, from `/proc/PID/stat` (field 22, clock ticks after boot) and the
    /// boot time in `/proc/stat`; nil where `/proc` does not say.
    static func startTime(of pid: Int32) -> Date? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name, which may itself hold spaces: state is field 3.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]), let boot = bootTime() else { return nil }
        return boot.addingTimeInterval(ticks / Double(sysconf(Int32(_SC_CLK_TCK))))
    }

    private static func bootTime() -> Date? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
              let seconds = Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }
}

extension ProcessingRecord {
    /// Whether the process the row names is still the one working on it.
    public var isHeldByRunningProcess: Bool {
        processId.map { ProcessLiveness.isRunning($0, startedAt: startedAt) } ?? false
    }
}
