/// The NYSE's one-off closures and ad hoc early closes, 1970 on: the only dates the calendar
/// stores. Everything else follows from `HolidayRule`, `EarlyCloseRule` and `RegularHours`.
///
/// Source: NYSE's archive *New York Stock Exchange Special Closings* and press reports,
/// cross-checked against three calendar libraries and real daily rows
/// (`shared/reference/nyse-calendar.md` §4 and §5). Add future announcements here, or pass
/// them to `NYSECalendar.init` without changing the module.
public enum NYSEHistory {
    /// Full-day closures that no rule produces.
    public static let specialClosures: [SpecialClosure] = [
        closure("1972-12-28", "Funeral of former President Truman"),
        closure("1973-01-25", "Funeral of former President Lyndon B. Johnson"),
        closure("1977-07-14", "New York City blackout"),
        closure("1985-09-27", "Hurricane Gloria"),
        closure("1994-04-27", "Funeral of former President Nixon"),
        closure("2001-09-11", "September 11 attacks"),
        closure("2001-09-12", "September 11 attacks"),
        closure("2001-09-13", "September 11 attacks"),
        closure("2001-09-14", "September 11 attacks"),
        closure("2004-06-11", "National day of mourning for former President Reagan"),
        closure("2007-01-02", "National day of mourning for former President Ford"),
        closure("2012-10-29", "Hurricane Sandy"),
        closure("2012-10-30", "Hurricane Sandy"),
        closure("2018-12-05", "National day of mourning for former President George H. W. Bush"),
        closure("2025-01-09", "National day of mourning for former President Carter"),
    ]

    /// Early closes announced by decision rather than by rule (13:00, as every early close
    /// since 1993). The Friday after a Thursday Christmas was a full day in 2008, 2014 and
    /// 2025, so 1997 and 2003 cannot be a rule.
    public static let specialEarlyCloses: [EarlyClose] = [
        early("1997-12-26", "Day after Christmas"),
        early("1999-12-31", "New Year's Eve 1999 (Year 2000 preparations)"),
        early("2003-12-26", "Day after Christmas"),
    ]

    private static func closure(_ date: String, _ reason: String) -> SpecialClosure {
        SpecialClosure(date: CivilDate(date)!, reason: reason)
    }

    private static func early(_ date: String, _ reason: String) -> EarlyClose {
        EarlyClose(date: CivilDate(date)!, close: TimeOfDay(hour: 13), reason: reason)
    }
}
