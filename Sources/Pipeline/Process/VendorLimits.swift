#if canImport(Glibc)
import Glibc
#endif
public import GapAnalysis
public import MarketCalendar
import ThetaData

/// What the vendor can give: the first date the subscription covers and when a session's
/// data is published. Days outside them are refused before anything is written, and a
/// Terminal failure of a day the vendor may not have published yet is recorded as pending at
/// vendor (retried later), not as a failure that suggests lost data.
public struct VendorLimits: Sendable {
    /// The first date to ask for, with the configuration that set it (for messages).
    public var historyStart: (date: CivilDate, setBy: String)?
    public var availability: VendorAvailability?
    /// The instant now; a test passes a fixed one.
    public var now: @Sendable () -> UTCInstant

    public init(historyStart: (date: CivilDate, setBy: String)? = nil, availability: VendorAvailability? = nil,
                now: @escaping @Sendable () -> UTCInstant = VendorLimits.systemNow) {
        self.historyStart = historyStart
        self.availability = availability
        self.now = now
    }

    /// The system clock.
    @Sendable public static func systemNow() -> UTCInstant {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return UTCInstant(secondsSince1970: Int64(spec.tv_sec))
    }

    /// Why `job` must not be asked for now, or nil.
    public func refusal(_ job: DayJob, session: Session) -> DayFailure? {
        if let (start, setBy) = historyStart, job.date < start {
            return DayFailure(.permission, "\(job.date) is before \(start), where the subscription's option history starts (\(setBy))",
                              remediation: "Set thetadata.subscription to your tier, or thetadata.historyStart to the first date your account covers.")
        }
        if let availability, !job.ignoresAvailability, !availability.isAvailable(session, at: now()) {
            return DayFailure(.pendingAtVendor, "\(job.date) is not published by ThetaData until "
                              + "\(availability.availableTime(session)) New York (the session closes at \(session.close), data follows "
                              + "thetadata.availableAfter)",
                              remediation: "Run it after that time, or pass --force to ask the Terminal now.")
        }
        return nil
    }

    /// `failure`, or when it is a Terminal failure of a day the vendor may not have published
    /// yet (asked early, or in the nightly window after it), the same failure as pending.
    func explained(_ failure: DayFailure, _ job: DayJob, session: Session) -> DayFailure {
        guard failure.kind == .terminal, failure.terminalCode != .gone, let availability else { return failure }
        let now = now()
        let early = !availability.isAvailable(session, at: now)
        guard early || availability.isRollover(of: job.date, at: now) else { return failure }
        let why = early
            ? "ThetaData publishes it at \(availability.availableTime(session)) New York, and this was asked earlier"
            : "ThetaData may not have it between 00:00 and \(VendorAvailability.rolloverEnd) New York the night after"
        return DayFailure(.pendingAtVendor, "\(failure.message) — not available yet: \(why)",
                          remediation: "Nothing is lost: it is recorded as pending at vendor; `spx-data retry --all-failed` or "
                              + "`process-gaps` asks again later.", terminalCode: failure.terminalCode)
    }
}
