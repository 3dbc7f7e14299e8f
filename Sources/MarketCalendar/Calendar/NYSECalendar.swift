/// The New York Stock Exchange's trading calendar, 1970 through 2099: sessions, holidays with
/// their names, early closes and hours, computed from the exchange's rules plus the short
/// tables of one-off closures in `NYSEHistory`. No list of trading days is stored.
///
/// Dates are civil dates in New York. Queries about dates outside `supportedRange` answer
/// "no session" (the `Bool` and optional queries) or throw (`status(of:)`, `checkSupported`).
/// Dates after the exchange's latest published holiday list (about three years ahead) are
/// projections from today's rules.
public struct NYSECalendar: Sendable {
    /// The first and last dates the calendar answers for.
    public static let supportedRange = CivilDate(year: 1970, month: 1, day: 1)!...CivilDate(year: 2099, month: 12, day: 31)!

    /// The calendar with the exchange's recorded one-off closures and early closes.
    public static let nyse = NYSECalendar()

    /// One-off full-day closures in force, such as national days of mourning.
    public let specialClosures: [SpecialClosure]
    /// Early closes by decision rather than by rule.
    public let specialEarlyCloses: [EarlyClose]

    /// A calendar with the given one-off tables; the defaults are the exchange's history, so
    /// pass `NYSEHistory.specialClosures + [new]` to add an announced closure.
    public init(specialClosures: [SpecialClosure] = NYSEHistory.specialClosures,
                specialEarlyCloses: [EarlyClose] = NYSEHistory.specialEarlyCloses) {
        self.specialClosures = specialClosures
        self.specialEarlyCloses = specialEarlyCloses
    }

    /// The closed weekdays and early closes of `year`.
    public func schedule(for year: Int) -> YearSchedule {
        YearSchedule(year: year, specialClosures: specialClosures, specialEarlyCloses: specialEarlyCloses)
    }

    /// Whether the exchange trades on `date`; false outside `supportedRange`.
    public func isSession(_ date: CivilDate) -> Bool {
        // Weekends need no rules, and are most of the non-sessions.
        guard !date.isWeekend, Self.supportedRange.contains(date) else { return false }
        return closure(on: date) == nil
    }

    /// The session on `date` with its hours, or nil when there is none (or `date` is outside
    /// `supportedRange`).
    public func session(on date: CivilDate) -> Session? {
        guard !date.isWeekend, Self.supportedRange.contains(date), closure(on: date) == nil else { return nil }
        let hours = RegularHours.on(date)
        let early = scheduledEarlyClose(on: date)
        return Session(date: date, open: hours.open, close: early?.close ?? hours.close, regularClose: hours.close,
                       earlyClose: early)
    }

    /// The holiday or one-off closure that closes the exchange on weekday `date`; nil on
    /// sessions, weekends and outside `supportedRange`.
    public func holiday(on date: CivilDate) -> Holiday? {
        guard !date.isWeekend, Self.supportedRange.contains(date) else { return nil }
        return closure(on: date)
    }

    /// The early close on `date`, if that session ends before the regular close.
    public func earlyClose(on date: CivilDate) -> EarlyClose? {
        guard !date.isWeekend, Self.supportedRange.contains(date), closure(on: date) == nil else { return nil }
        return scheduledEarlyClose(on: date)
    }

    /// What `date` is: a session, a weekend day or a holiday.
    ///
    /// - Throws: `CalendarError.Code.outOfRange` when `date` is outside `supportedRange`.
    public func status(of date: CivilDate) throws(CalendarError) -> DayStatus {
        try Self.checkSupported(date)
        if date.isWeekend { return .weekend(date.weekday) }
        if let holiday = closure(on: date) { return .holiday(holiday) }
        return .session(session(on: date)!)
    }

    /// Closed weekdays within `range`, in date order (clamped to `supportedRange`).
    public func holidays(in range: ClosedRange<CivilDate>) -> [Holiday] {
        Self.years(of: range).flatMap { schedule(for: $0).holidays.filter { range.contains($0.date) } }
    }

    /// Early closes within `range`, in date order (clamped to `supportedRange`).
    public func earlyCloses(in range: ClosedRange<CivilDate>) -> [EarlyClose] {
        Self.years(of: range).flatMap { schedule(for: $0).earlyCloses.filter { range.contains($0.date) } }
    }

    /// - Throws: `CalendarError.Code.outOfRange` naming `date` and the supported range.
    public static func checkSupported(_ date: CivilDate) throws(CalendarError) {
        guard supportedRange.contains(date) else {
            throw CalendarError(
                .outOfRange,
                "\(date) is outside the calendar's range \(supportedRange.lowerBound)..\(supportedRange.upperBound)",
                value: date.description)
        }
    }

    /// - Throws: `CalendarError.Code.outOfRange` naming the first bound outside the range.
    public static func checkSupported(_ range: ClosedRange<CivilDate>) throws(CalendarError) {
        try checkSupported(range.lowerBound)
        try checkSupported(range.upperBound)
    }

    /// The supported years that `range` touches; empty when it lies outside.
    static func years(of range: ClosedRange<CivilDate>) -> Range<Int> {
        let low = max(range.lowerBound, supportedRange.lowerBound)
        let high = min(range.upperBound, supportedRange.upperBound)
        return low <= high ? low.year..<high.year + 1 : 0..<0
    }
}
