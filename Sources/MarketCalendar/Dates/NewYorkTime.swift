/// America/New_York civil time computed from the US daylight-saving rules of each era, so
/// the module needs no tz database.
///
/// | years | daylight time starts (02:00 EST) | ends (02:00 EDT) |
/// |---|---|---|
/// | up to 1973 | last Sunday of April | last Sunday of October |
/// | 1974 | January 6 (energy crisis) | last Sunday of October |
/// | 1975 | February 23 (energy crisis) | last Sunday of October |
/// | 1976-1986 | last Sunday of April | last Sunday of October |
/// | 1987-2006 | first Sunday of April | last Sunday of October |
/// | 2007 on | second Sunday of March | first Sunday of November |
///
/// The Uniform Time Act rule of 1967 is used for earlier years too; it is exact for New York
/// from 1966. Standard time is UTC-5, daylight time UTC-4.
public enum NewYorkTime {
    /// UTC offset of Eastern Standard Time, in seconds.
    public static let standardOffset = -5 * 3600
    /// UTC offset of Eastern Daylight Time, in seconds.
    public static let daylightOffset = -4 * 3600

    /// The local dates on which daylight time starts and ends in `year`.
    public static func daylightSaving(year: Int) -> (start: CivilDate, end: CivilDate) {
        let start: CivilDate = switch year {
        case 1974: CivilDate(year: 1974, month: 1, day: 6)!
        case 1975: CivilDate(year: 1975, month: 2, day: 23)!
        case ..<1987: .last(.sunday, month: 4, year: year)
        case ..<2007: .nth(1, .sunday, month: 4, year: year)
        default: .nth(2, .sunday, month: 3, year: year)
        }
        let end: CivilDate = year < 2007 ? .last(.sunday, month: 10, year: year) : .nth(1, .sunday, month: 11, year: year)
        return (start, end)
    }

    /// The UTC offset in seconds for a New York wall-clock time.
    ///
    /// Times that occur twice (01:00-01:59 on the autumn change) take the first, daylight,
    /// reading; times that do not exist (02:00-02:59 on the spring change) are read as
    /// daylight time. Neither case touches a trading session.
    public static func utcOffset(on date: CivilDate, at time: TimeOfDay) -> Int {
        let (start, end) = daylightSaving(year: date.year)
        let twoAM = TimeOfDay(hour: 2)
        let afterStart = date > start || (date == start && time >= twoAM)
        let beforeEnd = date < end || (date == end && time < twoAM)
        return afterStart && beforeEnd ? daylightOffset : standardOffset
    }

    /// The instant at which New York's clocks show `time` on `date`.
    public static func instant(on date: CivilDate, at time: TimeOfDay) -> UTCInstant {
        UTCInstant(secondsSince1970: UTCInstant(date, time).secondsSince1970 - Int64(utcOffset(on: date, at: time)))
    }

    /// The UTC offset in seconds in force in New York at `instant`.
    public static func utcOffset(at instant: UTCInstant) -> Int {
        let (start, end) = daylightSaving(year: instant.utcDate.year)
        // 02:00 EST is 07:00Z; 02:00 EDT is 06:00Z.
        let startsAt = UTCInstant(start, TimeOfDay(hour: 7))
        let endsAt = UTCInstant(end, TimeOfDay(hour: 6))
        return instant >= startsAt && instant < endsAt ? daylightOffset : standardOffset
    }

    /// The New York calendar date at `instant`: 2024-03-16T02:00Z is still 2024-03-15 there.
    public static func date(at instant: UTCInstant) -> CivilDate {
        UTCInstant(secondsSince1970: instant.secondsSince1970 + Int64(utcOffset(at: instant))).utcDate
    }
}
