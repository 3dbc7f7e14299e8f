import MarketCalendar

extension CivilDate {
    /// Day numbers of years 1 to 9999, the ones `CivilDate(daysSince1970:)` accepts: a DATE
    /// column of a damaged file can hold any Int32, and a check must not trap on it.
    static let representableDays = CivilDate(year: 1, month: 1, day: 1)!.daysSince1970...CivilDate(year: 9999, month: 12, day: 31)!.daysSince1970
}
