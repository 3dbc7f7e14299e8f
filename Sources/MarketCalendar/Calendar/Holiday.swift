/// A weekday on which the exchange is closed, with why.
public struct Holiday: Sendable, Hashable, CustomStringConvertible {
    public var date: CivilDate
    /// Such as `Independence Day (observed)` or `Hurricane Sandy`.
    public var name: String
    /// The regular holiday this closure observes; nil for a one-off closure.
    public var rule: HolidayRule?

    public init(date: CivilDate, name: String, rule: HolidayRule? = nil) {
        self.date = date
        self.name = name
        self.rule = rule
    }

    /// A one-off closure (mourning, weather, emergencies) rather than a regular holiday.
    public var isSpecialClosure: Bool { rule == nil }

    public var description: String { "\(date) \(name)" }
}

/// A one-off full-day closure, as data so new ones can be added without a code change.
public struct SpecialClosure: Sendable, Hashable {
    public var date: CivilDate
    public var reason: String

    public init(date: CivilDate, reason: String) {
        self.date = date
        self.reason = reason
    }
}

/// A session that ends before the regular close.
public struct EarlyClose: Sendable, Hashable, CustomStringConvertible {
    public var date: CivilDate
    /// New York time.
    public var close: TimeOfDay
    public var reason: String

    public init(date: CivilDate, close: TimeOfDay, reason: String) {
        self.date = date
        self.close = close
        self.reason = reason
    }

    public var description: String { "\(date) \(close) \(reason)" }
}
