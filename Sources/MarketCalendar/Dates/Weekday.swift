/// A day of the week; raw values count from Sunday = 0.
public enum Weekday: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case sunday, monday, tuesday, wednesday, thursday, friday, saturday

    public var isWeekend: Bool { self == .saturday || self == .sunday }

    /// Three-letter English abbreviation, such as `Mon`.
    public var shortName: String {
        ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][rawValue]
    }

    public var description: String {
        ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][rawValue]
    }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
}
