public import MarketCalendar

/// When the vendor has a session's data: ThetaData publishes a day some time after the close
/// (`thetadata.availableAfter`, 17:30 New York after a regular 16:00 close), and an early close
/// moves it as much earlier. Asking before then gets an empty day or a refusal that says
/// nothing about the archive, so such a day is "pending at vendor": not a gap, not a failure.
///
/// A report of low confidence says the previous day can also be missing between 00:00 and
/// 01:45 New York while the vendor rolls over; the Terminal's "no such data" for that day in
/// that window is recorded as pending at vendor, asked again by `process-gaps` and `retry`,
/// never reported as lost data.
public struct VendorAvailability: Sendable, Hashable {
    /// Minutes after the close (90 for 17:30 after the regular 16:00 close; after a 13:00 early
    /// close the data is there at 14:30).
    public var delayMinutes: Int

    /// The end of the nightly window in which the previous day may be unavailable.
    public static let rolloverEnd = TimeOfDay(hour: 1, minute: 45)

    /// - Parameter availableAfter: New York minutes after midnight at which a regular
    ///   session's data is there (17:30 is 1050).
    public init(availableAfter: Int) {
        delayMinutes = availableAfter - 16 * 60
    }

    /// The instant the vendor has `session`'s data.
    public func availableAt(_ session: Session) -> UTCInstant {
        UTCInstant(secondsSince1970: session.closeInstant.secondsSince1970 + Int64(delayMinutes) * 60)
    }

    /// The New York time of `availableAt`, `HH:MM`, for messages.
    public func availableTime(_ session: Session) -> TimeOfDay {
        let minutes = min(session.close.minutesSinceMidnight + delayMinutes, 23 * 60 + 59)
        return TimeOfDay(hour: minutes / 60, minute: minutes % 60)
    }

    public func isAvailable(_ session: Session, at now: UTCInstant) -> Bool { now >= availableAt(session) }

    /// The latest session on or before `now`'s New York date whose data is available at `now`.
    public func latestAvailableSession(at now: UTCInstant, calendar: NYSECalendar = .nyse) -> CivilDate? {
        let today = NewYorkTime.date(at: now)
        if let session = calendar.session(on: today), isAvailable(session, at: now) { return today }
        return calendar.previousSession(before: today)
    }

    /// Whether `now` is in the nightly window (00:00 to 01:45 New York) right after `date`.
    public func isRollover(of date: CivilDate, at now: UTCInstant) -> Bool {
        let local = now.secondsSince1970 + Int64(NewYorkTime.utcOffset(at: now))
        let minutes = Int(local.floorMod(86_400) / 60)
        return NewYorkTime.date(at: now) == date.advanced(by: 1) && minutes < Self.rolloverEnd.minutesSinceMidnight
    }
}

extension Int64 {
    fileprivate func floorMod(_ d: Int64) -> Int64 { let r = self % d; return r < 0 ? r + d : r }
}
