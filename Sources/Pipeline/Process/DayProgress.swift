#if canImport(Glibc)
import Glibc
#endif
public import MarketCalendar

/// What a day's processing reports as it goes, for progress displays. Delivered on the
/// processing tasks; a handler must be quick and thread-safe.
public enum DayProgress: Sendable {
    /// The day's expirations are known; `alreadyStaged` of them come from an earlier run.
    case planned(DayJob, expirations: Int, alreadyStaged: Int)
    /// The day was left `processing` by `processId`, which is gone; this run takes it over.
    case recovered(DayJob, processId: Int32)
    /// Rows of one expiration arrived (a running total for that expiration).
    case rows(DayJob, root: String, expiration: CivilDate, rows: Int, bytes: Int64)
    case staged(DayJob, root: String, expiration: CivilDate, rows: Int)
    case converting(DayJob, rows: Int64)
    case verifying(DayJob)
    case committed(DayJob, DayResult)
    case failed(DayJob, DayFailure)
}

/// Resident memory of this process, from /proc/self/status.
public enum ProcessMemory {
    public static func peakMB() -> Int { statusField("VmHWM:") }

    /// Resident memory now (`VmRSS`), in MB.
    public static func currentMB() -> Int { statusField("VmRSS:") }

    private static func statusField(_ name: String) -> Int {
        guard let file = fopen("/proc/self/status", "r") else { return 0 }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, 256, file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix(name) {
                let kb = Int(text.dropFirst(name.count).filter(\.isNumber)) ?? 0
                return kb / 1024
            }
        }
        return 0
    }
}
