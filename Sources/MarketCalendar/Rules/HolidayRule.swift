/// The NYSE's regular full-day holidays, each with its date rule, the years it applies and
/// its weekend observance (NYSE Rule 7.2, formerly Rule 51).
public enum HolidayRule: String, Sendable, CaseIterable {
    case newYearsDay, martinLutherKingDay, washingtonsBirthday, goodFriday, memorialDay, juneteenth
    case independenceDay, laborDay, electionDay, thanksgivingDay, christmasDay

    /// The name NYSE uses, such as `Washington's Birthday`.
    public var name: String {
        switch self {
        case .newYearsDay: "New Year's Day"
        case .martinLutherKingDay: "Martin Luther King Jr. Day"
        case .washingtonsBirthday: "Washington's Birthday"
        case .goodFriday: "Good Friday"
        case .memorialDay: "Memorial Day"
        case .juneteenth: "Juneteenth National Independence Day"
        case .independenceDay: "Independence Day"
        case .laborDay: "Labor Day"
        case .electionDay: "Election Day"
        case .thanksgivingDay: "Thanksgiving Day"
        case .christmasDay: "Christmas Day"
        }
    }

    /// The months the observed date can fall in, so a one-date query tries only the rules
    /// that could match it (Good Friday spans March 20 to April 23).
    var months: ClosedRange<Int> {
        switch self {
        case .newYearsDay, .martinLutherKingDay: 1...1
        case .washingtonsBirthday: 2...2
        case .goodFriday: 3...4
        case .memorialDay: 5...5
        case .juneteenth: 6...6
        case .independenceDay: 7...7
        case .laborDay: 9...9
        case .electionDay, .thanksgivingDay: 11...11
        case .christmasDay: 12...12
        }
    }

    /// The day the holiday falls on in `year` before weekend observance, or nil when the
    /// exchange did not keep it that year.
    public func nominalDate(year: Int) -> CivilDate? {
        switch self {
        case .newYearsDay: return CivilDate(year: year, month: 1, day: 1)
        case .martinLutherKingDay:
            // A federal holiday from 1986, but the exchange stayed open until 1998.
            return year >= 1998 ? .nth(3, .monday, month: 1, year: year) : nil
        case .washingtonsBirthday:
            // The Uniform Monday Holiday Act moved it to a Monday from 1971.
            return year <= 1970 ? CivilDate(year: year, month: 2, day: 22) : .nth(3, .monday, month: 2, year: year)
        case .goodFriday: return Easter.sunday(year: year).advanced(by: -2)
        case .memorialDay:
            return year <= 1970 ? CivilDate(year: year, month: 5, day: 30) : .last(.monday, month: 5, year: year)
        case .juneteenth:
            // Adopted by SEC rule filing in 2021 for 2022 on; June 18, 2021 was a full session.
            return year >= 2022 ? CivilDate(year: year, month: 6, day: 19) : nil
        case .independenceDay: return CivilDate(year: year, month: 7, day: 4)
        case .laborDay: return .nth(1, .monday, month: 9, year: year)
        case .electionDay:
            // Closed for presidential elections through 1980 only; open every year from 1984.
            guard year <= 1980, year % 4 == 0 else { return nil }
            return CivilDate.nth(1, .monday, month: 11, year: year).advanced(by: 1)
        case .thanksgivingDay: return .nth(4, .thursday, month: 11, year: year)
        case .christmasDay: return CivilDate(year: year, month: 12, day: 25)
        }
    }

    /// The weekday the exchange closes for this holiday in `year`, or nil when it does not.
    ///
    /// A Sunday holiday closes the Monday after. A Saturday holiday closes the Friday before,
    /// unless that Friday is the last weekday of its month (it ends an accounting period):
    /// then nothing closes. That exception is why a Saturday New Year's Day is never observed
    /// and why Friday 1970-05-29 stayed open.
    public func observedDate(year: Int) -> CivilDate? {
        guard let date = nominalDate(year: year) else { return nil }
        switch date.weekday {
        case .sunday: return date.advanced(by: 1)
        case .saturday:
            let friday = date.advanced(by: -1)
            return friday.isLastWeekdayOfMonth ? nil : friday
        default: return date
        }
    }
}
