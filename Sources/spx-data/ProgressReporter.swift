#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MarketCalendar
import Pipeline
import Synchronization

/// Shows processing as it goes: on a terminal, a live line per running date and one for the
/// whole run, redrawn twice a second; otherwise a plain line per running date at least every
/// 10 seconds. Finished and failed dates are always printed once, as they happen.
final class ProgressReporter: Sendable {
    struct DayState {
        var job: DayJob
        var started = ContinuousClock.now
        var expirations = 0
        var staged = 0
        var current = ""
        var rows = 0
        var bytes: Int64 = 0
        /// Rows of the expirations in flight, by "root expiration", to add to `rows`.
        var inFlight: [String: (rows: Int, bytes: Int64)] = [:]
        var phase = "planning"
    }

    struct State {
        var days: [DayJob: DayState] = [:]
        var order: [DayJob] = []
        var finished = 0
        var failed = 0
        var linesDrawn = 0
    }

    let total: Int
    let live: Bool
    /// Standard error when standard output carries a machine-readable summary.
    let toStandardError: Bool
    let started = ContinuousClock.now
    private let state = Mutex(State())

    init(totalDates: Int, toStandardError: Bool = false, live: Bool? = nil) {
        total = totalDates
        self.toStandardError = toStandardError
        self.live = live ?? (isatty(toStandardError ? STDERR_FILENO : STDOUT_FILENO) == 1)
    }

    private func write(_ text: String) {
        writeAll(toStandardError ? STDERR_FILENO : STDOUT_FILENO, text)
    }

    func handle(_ event: DayProgress) {
        state.withLock { s in
            switch event {
            case .planned(let job, let expirations, let alreadyStaged):
                s.days[job, default: DayState(job: job)].expirations = expirations
                s.days[job]?.staged = alreadyStaged
                s.days[job]?.phase = "fetching"
                if !s.order.contains(job) { s.order.append(job) }
            case .recovered(let job, let pid):
                emit(&s, "note   \(job.symbol) \(job.date)  process \(pid) stopped while processing it; resuming from its staged expirations")
            case .rows(let job, let root, let expiration, let rows, let bytes):
                s.days[job]?.inFlight["\(root) \(expiration)"] = (rows, bytes)
                s.days[job]?.current = "\(root) \(expiration)"
            case .staged(let job, let root, let expiration, let rows):
                let key = "\(root) \(expiration)"
                let bytes = s.days[job]?.inFlight.removeValue(forKey: key)?.bytes ?? 0
                s.days[job]?.staged += 1
                s.days[job]?.rows += rows
                s.days[job]?.bytes += bytes
            case .converting(let job, _):
                s.days[job]?.phase = "converting"
            case .verifying(let job):
                s.days[job]?.phase = "verifying"
            case .committed(let job, let result):
                s.days.removeValue(forKey: job)
                s.order.removeAll { $0 == job }
                s.finished += 1
                emit(&s, "ok     \(job.symbol) \(job.date)  \(result.rows) rows, \(result.expirations) expirations, "
                     + "\(Self.megabytes(result.bytes)) in \(String(format: "%.1f", result.seconds)) s -> \(result.path)")
            case .failed(let job, let failure):
                s.days.removeValue(forKey: job)
                s.order.removeAll { $0 == job }
                s.failed += 1
                emit(&s, "FAILED \(job.symbol) \(job.date)  \(failure.description)")
            }
        }
    }

    /// Prints a line of its own above the live display.
    func note(_ line: String) {
        state.withLock { s in emit(&s, line) }
    }

    /// Prints a permanent line above the live display.
    private func emit(_ s: inout State, _ line: String) {
        if live { clearLive(&s) }
        write(line + "\n")
    }

    /// Redraws the live lines (terminal) or prints the plain ones (otherwise).
    func tick() {
        state.withLock { s in
            let lines = s.order.compactMap { s.days[$0] }.map(describe) + (live && total > 1 ? [overall(s)] : [])
            if live { clearLive(&s) }
            write(lines.map { $0 + "\n" }.joined())
            if live { s.linesDrawn = lines.count }
        }
    }

    private func clearLive(_ s: inout State) {
        guard s.linesDrawn > 0 else { return }
        write("\u{1B}[\(s.linesDrawn)A\u{1B}[J")
        s.linesDrawn = 0
    }

    private func describe(_ d: DayState) -> String {
        let rows = d.rows + d.inFlight.values.reduce(0) { $0 + $1.rows }
        let bytes = d.bytes + d.inFlight.values.reduce(Int64(0)) { $0 + $1.bytes }
        let seconds = max(Self.seconds(since: d.started), 0.001)
        var eta = "?"
        if d.staged > 0 && d.expirations > d.staged {
            eta = String(format: "%.0f s", seconds / Double(d.staged) * Double(d.expirations - d.staged))
        }
        let bar = Self.bar(done: d.staged, of: d.expirations)
        return "\(d.job.symbol) \(d.job.date) \(bar) \(d.staged)/\(d.expirations) exp  \(d.phase) \(d.current)  "
            + "\(rows) rows  \(Int(Double(rows) / seconds)) rows/s  \(String(format: "%.1f", Double(bytes) / seconds / 1e6)) MB/s  "
            + "mem \(ProcessMemory.currentMB()) MB  eta \(eta)"
    }

    private func overall(_ s: State) -> String {
        "all    \(Self.bar(done: s.finished + s.failed, of: total)) \(s.finished + s.failed)/\(total) dates  "
            + "\(s.failed) failed  \(String(format: "%.0f", Self.seconds(since: started))) s"
    }

    static func bar(done: Int, of total: Int, width: Int = 20) -> String {
        let filled = total > 0 ? min(width, done * width / total) : 0
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }

    /// Ticks until cancelled: every 0.5 s live, every 10 s otherwise.
    func runTicker() async {
        let period: Duration = live ? .milliseconds(500) : .seconds(10)
        while !Task.isCancelled {
            try? await Task.sleep(for: period)
            if Task.isCancelled { break }
            tick()
        }
    }
}
