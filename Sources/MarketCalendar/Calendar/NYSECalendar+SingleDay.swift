extension NYSECalendar {
    /// The closure on weekday `date`, trying only the rules that can fall in its month and the
    /// one-off table: a single-date query without building the year's schedule. Agrees with
    /// `YearSchedule` (a rule's holiday wins over a one-off closure on the same day).
    func closure(on date: CivilDate) -> Holiday? {
        for rule in HolidayRule.allCases where rule.months.contains(date.month) {
            if rule.observedDate(year: date.year) == date {
                let observed = rule.nominalDate(year: date.year) != date
                return Holiday(date: date, name: rule.name + (observed ? " (observed)" : ""), rule: rule)
            }
        }
        if let special = specialClosures.first(where: { $0.date == date }) {
            return Holiday(date: date, name: special.reason)
        }
        return nil
    }

    /// The early close on `date` if it ends early, assuming it is a session; as `YearSchedule`,
    /// an announced early close wins over a rule's.
    func scheduledEarlyClose(on date: CivilDate) -> EarlyClose? {
        if let special = specialEarlyCloses.first(where: { $0.date == date }) { return special }
        guard EarlyCloseRule.months.contains(date.month) else { return nil }
        return EarlyCloseRule.earlyCloses(year: date.year).first { $0.date == date }
    }
}
