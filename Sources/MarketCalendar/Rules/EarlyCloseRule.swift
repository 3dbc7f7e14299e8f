/// The NYSE's scheduled early closes that follow from rules: the day after Thanksgiving,
/// Christmas Eve and the day before (or, for a while, after) Independence Day.
///
/// Ad hoc ones (1997-12-26, 1999-12-31, 2003-12-26) are data in `NYSEHistory`.
enum EarlyCloseRule {
    /// The only months rule-based early closes fall in.
    static let months: Set<Int> = [7, 11, 12]

    /// 13:00 from 1993; 14:00 before.
    static func closeTime(year: Int) -> TimeOfDay { TimeOfDay(hour: year >= 1993 ? 13 : 14) }

    /// Candidate early closes of `year`; the caller keeps those that fall on sessions.
    static func earlyCloses(year: Int) -> [EarlyClose] {
        let close = closeTime(year: year)
        var result: [EarlyClose] = []

        if year >= 1995 {
            let july3 = CivilDate(year: year, month: 7, day: 3)!
            switch july3.weekday {
            case .monday, .tuesday, .thursday:
                result.append(EarlyClose(date: july3, close: close, reason: "Day before Independence Day"))
            case .wednesday where year >= 2013:
                result.append(EarlyClose(date: july3, close: close, reason: "Day before Independence Day"))
            case .wednesday:
                // Before 2013 a Thursday Fourth left July 3 a full day and shortened Friday July 5.
                result.append(EarlyClose(date: july3.advanced(by: 2), close: close, reason: "Day after Independence Day"))
            default:
                break  // July 4 on a Saturday, Sunday or Monday: no early close.
            }
        }

        if year >= 1992 {
            let friday = CivilDate.nth(4, .thursday, month: 11, year: year).advanced(by: 1)
            result.append(EarlyClose(date: friday, close: close, reason: "Day after Thanksgiving"))
        }

        // Mon-Thu only: on a Friday it is the observed Christmas holiday, on a weekend nothing.
        let christmasEve = CivilDate(year: year, month: 12, day: 24)!
        let earlyBefore1993 = year == 1974 || year == 1975 || (1990...1992).contains(year)
        if (Weekday.monday ... .thursday).contains(christmasEve.weekday), year >= 1993 || earlyBefore1993 {
            result.append(EarlyClose(date: christmasEve, close: close, reason: "Christmas Eve"))
        }
        return result
    }
}

