/// One year of the exchange's calendar: its closed weekdays and its early closes, derived
/// from the rules and the one-off tables. Every other weekday of the year is a session.
public struct YearSchedule: Sendable {
    public let year: Int
    /// Weekdays without trading, in date order.
    public let holidays: [Holiday]
    /// Sessions that end before the regular close, in date order.
    public let earlyCloses: [EarlyClose]

    init(year: Int, specialClosures: [SpecialClosure], specialEarlyCloses: [EarlyClose]) {
        self.year = year
        var holidays: [Holiday] = []
        for rule in HolidayRule.allCases {
            guard let date = rule.observedDate(year: year) else { continue }
            let observed = date != rule.nominalDate(year: year)
            holidays.append(Holiday(date: date, name: rule.name + (observed ? " (observed)" : ""), rule: rule))
        }
        for closure in specialClosures where closure.date.year == year && !closure.date.isWeekend
            && !holidays.contains(where: { $0.date == closure.date }) {
            holidays.append(Holiday(date: closure.date, name: closure.reason))
        }
        holidays.sort { $0.date < $1.date }
        self.holidays = holidays

        // Announced early closes take precedence over a rule's for the same day.
        var earlyCloses = specialEarlyCloses.filter { $0.date.year == year }
        for candidate in EarlyCloseRule.earlyCloses(year: year)
        where !earlyCloses.contains(where: { $0.date == candidate.date }) {
            earlyCloses.append(candidate)
        }
        earlyCloses.removeAll { early in early.date.isWeekend || holidays.contains { $0.date == early.date } }
        earlyCloses.sort { $0.date < $1.date }
        self.earlyCloses = earlyCloses
    }

    /// The closure on `date`, if it is a closed weekday of this year.
    public func holiday(on date: CivilDate) -> Holiday? {
        holidays.first { $0.date == date }
    }

    /// The early close on `date`, if the session that day ends early.
    public func earlyClose(on date: CivilDate) -> EarlyClose? {
        earlyCloses.first { $0.date == date }
    }

    /// Whether `date` (in this year) is a weekday without a closure.
    public func isSession(_ date: CivilDate) -> Bool {
        !date.isWeekend && !holidays.contains { $0.date == date }
    }

    /// The session on `date` (in this year), or nil when there is none.
    public func session(on date: CivilDate) -> Session? {
        guard isSession(date) else { return nil }
        let hours = RegularHours.on(date)
        let early = earlyClose(on: date)
        return Session(date: date, open: hours.open, close: early?.close ?? hours.close, regularClose: hours.close,
                       earlyClose: early)
    }
}
