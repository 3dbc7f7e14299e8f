/// A day of the proleptic Gregorian calendar with no time zone attached: the date printed on
/// a New York trading day, such as `2024-03-15`.
///
/// Stored as a count of days since 1970-01-01 plus its components, so comparing, hashing and
/// stepping are integer operations. Years 1 to 9999 are representable; which of them the
/// exchange calendar covers is `NYSECalendar.supportedRange`.
public struct CivilDate: Sendable {
    /// Days since 1970-01-01 (negative before it).
    public let daysSince1970: Int
    public let year: Int
    /// 1 (January) to 12.
    public let month: Int
    /// 1 to 31.
    public let day: Int

    /// The date with these components, or nil when they name no day (month 13, February 30,
    /// a year outside 1...9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
        daysSince1970 = CivilDate.dayNumber(year: year, month: month, day: day)
    }

    /// The date `daysSince1970` days after 1970-01-01.
    ///
    /// - Precondition: the result lies in years 1...9999.
    public init(daysSince1970: Int) {
        // Howard Hinnant's civil_from_days: exact for the proleptic Gregorian calendar.
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        precondition((1...9999).contains(year), "day \(daysSince1970) is outside years 1...9999")
        self.year = year
        self.month = month
        self.day = day
        self.daysSince1970 = daysSince1970
    }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday; the double modulo keeps earlier dates positive.
        Weekday(rawValue: ((daysSince1970 + 4) % 7 + 7) % 7)!
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool { weekday.isWeekend }

    /// Number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Howard Hinnant's days_from_civil.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

extension CivilDate: Hashable {
    public static func == (a: CivilDate, b: CivilDate) -> Bool { a.daysSince1970 == b.daysSince1970 }
    public func hash(into hasher: inout Hasher) { hasher.combine(daysSince1970) }
}

extension CivilDate: Strideable {
    /// Whole days from `self` to `other`.
    public func distance(to other: CivilDate) -> Int { other.daysSince1970 - daysSince1970 }
    /// The date `n` days later (earlier when negative).
    public func advanced(by n: Int) -> CivilDate { CivilDate(daysSince1970: daysSince1970 + n) }
    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.daysSince1970 < b.daysSince1970 }
}
