extension CivilDate {
    /// The date `months` months later (earlier when negative), with the day clamped to the
    /// target month's length: 2024-03-31 minus one month is 2024-02-29.
    public func adding(months: Int) -> CivilDate {
        let index = year * 12 + (month - 1) + months
        let y = index / 12, m = index % 12 + 1
        return CivilDate(year: y, month: m, day: min(day, CivilDate.daysIn(month: m, year: y)))!
    }

    /// The date `years` years later (earlier when negative); February 29 becomes February 28.
    public func adding(years: Int) -> CivilDate { adding(months: 12 * years) }

    /// The first day of this date's month.
    public var firstOfMonth: CivilDate { CivilDate(year: year, month: month, day: 1)! }

    /// The last day of this date's month.
    public var lastOfMonth: CivilDate {
        CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))!
    }

    /// The `n`th (1-based) `weekday` of a month, such as the third Monday of January.
    static func nth(_ n: Int, _ weekday: Weekday, month: Int, year: Int) -> CivilDate {
        let first = CivilDate(year: year, month: month, day: 1)!
        let offset = (weekday.rawValue - first.weekday.rawValue + 7) % 7
        return first.advanced(by: offset + 7 * (n - 1))
    }

    /// The last `weekday` of a month, such as the last Monday of May.
    static func last(_ weekday: Weekday, month: Int, year: Int) -> CivilDate {
        let end = CivilDate(year: year, month: month, day: daysIn(month: month, year: year))!
        return end.advanced(by: -((end.weekday.rawValue - weekday.rawValue + 7) % 7))
    }

    /// Whether no weekday follows this one in the same month (the month's last business day,
    /// ignoring holidays), which is what NYSE's Saturday-holiday exception looks at.
    var isLastWeekdayOfMonth: Bool {
        var next = advanced(by: 1)
        while next.isWeekend { next = next.advanced(by: 1) }
        return next.month != month
    }
}
