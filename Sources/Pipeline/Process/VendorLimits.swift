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
    /// The instant now, asked only when there is an `availability` to compare it with.
    public var now: @Sendable () -> UTCInstant

    public init(historyStart: (date: CivilDate, setBy: String)?, availability: VendorAvailability?,
                now: @escaping @Sendable () -> UTCInstant) {
        self.historyStart = historyStart
        self.availability = availability
        self.now = now
    }

    /// No limit: every session may be asked for at any time (tests, tools).
    public static let none = VendorLimits(historyStart: nil, availability: nil, now: { UTCInstant(secondsSince1970: 0) })

    /// The ledger's type for a day archived before its publication time (`process --force`):
    /// a success, and a gap once the day is published.
    public static let archivedEarly = "archived_early"

    /// Whether the vendor has not published `session` yet.
    func isUnpublished(_ session: Session) -> Bool {
        availability.map { !$0.isAvailable(session, at: now()) } ?? false
    }

    /// What the ledger says of a day archived before its publication time.
    func earlyNote(_ job: DayJob, session: Session) -> String {
        let time = availability.map { "\($0.availableTime(session))" } ?? "its publication time"
        return "\(job.date) was archived before ThetaData published it (\(time) New York) and may lack part of the day; "
            + "`spx-data process-gaps` processes it again once published, or run `spx-data process \(job.date)`"
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

    /// `failure`, or, when the Terminal answered that it has no such data (472 for the day's
    /// contracts, a 400) for a day the vendor may not have published yet (asked early, or in
    /// the nightly window after it), the same failure as pending at vendor. Any other failure
    /// (the Terminal down, a 500) keeps its type and its fix.
    func explained(_ failure: DayFailure, _ job: DayJob, session: Session) -> DayFailure {
        guard failure.kind == .terminal, failure.terminalCode == .noData || failure.terminalCode == .badRequest,
              let availability else { return failure }
        let now = now()
        let early = !availability.isAvailable(session, at: now)
        guard early || availability.isRollover(of: job.date, at: now) else { return failure }
        let why = early
            ? "ThetaData publishes it at \(availability.availableTime(session)) New York, and this was asked earlier"
            : "ThetaData may not have it between 00:00 and \(VendorAvailability.rolloverEnd) New York the night after"
        return DayFailure(.pendingAtVendor, "\(failure.message) — not available yet: \(why)",
                          remediation: "Nothing is lost: it is recorded as pending at vendor, and `spx-data retry --all-failed` or "
                              + "`process-gaps` asks again once it is published (\(failure.remediation))",
                          terminalCode: failure.terminalCode)
    }
}
