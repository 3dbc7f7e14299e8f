import MarketCalendar

/// One kind of listed expiration and how far ahead the exchange lists it.
struct ExpirationRule: Sendable {
    enum Kind: Sendable {
        /// Every session from `since` on; before it, Monday, Wednesday and Friday only.
        case daily(since: CivilDate)
        case weeklyFriday
        case thirdFriday
        /// Third Fridays of the given months only (LEAPS).
        case thirdFridayOf(months: Set<Int>)
        case monthEnd
        case quarterEnd
    }

    var kind: Kind
    /// Calendar days between listing and expiration.
    var horizonDays: Int
    /// Strikes per expiration at scale 1.
    var strikes: Int

    /// Whether `day` (before any holiday shift) is an expiration of this rule.
    func matches(_ day: CivilDate) -> Bool {
        let weekday = day.weekday
        guard !weekday.isWeekend else { return false }
        switch kind {
        case .daily(let since):
            return day >= since || [.monday, .wednesday, .friday].contains(weekday)
        case .weeklyFriday:
            return weekday == .friday
        case .thirdFriday:
            return Self.isThirdFriday(day)
        case .thirdFridayOf(let months):
            return months.contains(day.month) && Self.isThirdFriday(day)
        case .monthEnd:
            return Self.isLastWeekday(day)
        case .quarterEnd:
            return day.month % 3 == 0 && Self.isLastWeekday(day)
        }
    }

    /// Dailies are not listed on holidays; the other kinds move to the previous session.
    var skipsHolidays: Bool {
        if case .daily = kind { return true }
        return false
    }

    static func isThirdFriday(_ day: CivilDate) -> Bool { day.weekday == .friday && (15...21).contains(day.day) }

    static func isLastWeekday(_ day: CivilDate) -> Bool {
        var next = day.advanced(by: 1)
        while next.isWeekend { next = next.advanced(by: 1) }
        return next.month != day.month
    }
}
