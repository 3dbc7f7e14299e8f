/// One trading session: its date, its hours in New York time and, when it ends early, why.
public struct Session: Sendable, Hashable, CustomStringConvertible {
    public var date: CivilDate
    /// Opening time, New York.
    public var open: TimeOfDay
    /// Closing time, New York: the early close when there is one.
    public var close: TimeOfDay
    /// The era's regular close, New York (16:00 since October 1974).
    public var regularClose: TimeOfDay
    /// Why the session ends early, when it does.
    public var earlyClose: EarlyClose?

    public var isEarlyClose: Bool { earlyClose != nil }

    /// The opening instant, with New York's UTC offset of that day (EST or EDT).
    public var openInstant: UTCInstant { NewYorkTime.instant(on: date, at: open) }

    /// The closing instant: 16:00 ET is 21:00Z in winter and 20:00Z in summer.
    public var closeInstant: UTCInstant { NewYorkTime.instant(on: date, at: close) }

    public var description: String { "\(date) \(open)-\(close)" + (isEarlyClose ? " (early close)" : "") }
}

/// What a calendar date is for the exchange.
public enum DayStatus: Sendable, Hashable {
    case session(Session)
    case weekend(Weekday)
    /// A weekday without trading: a regular holiday or a one-off closure.
    case holiday(Holiday)
}
