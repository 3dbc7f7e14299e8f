import MarketCalendar
import Testing

@Suite("Holiday rules and weekend observance")
struct HolidayRuleTests {
    @Test("Good Friday check values")
    func goodFriday() {
        let expected = ["1970-03-27", "2008-03-21", "2011-04-22", "2024-03-29", "2025-04-18", "2026-04-03",
                        "2027-03-26", "2028-04-14", "2029-03-30", "2030-04-19"]
        for text in expected {
            let date = d(text)
            #expect(HolidayRule.goodFriday.observedDate(year: date.year) == date)
            #expect(calendar.holiday(on: date)?.rule == .goodFriday, "\(text)")
        }
    }

    @Test("Good Friday is a Friday two days before Easter in every supported year")
    func goodFridayAlwaysFriday() {
        for year in 1970...2099 {
            let date = HolidayRule.goodFriday.observedDate(year: year)!
            #expect(date.weekday == .friday)
            // Easter falls between March 22 and April 25.
            #expect(date >= d("\(year)-03-20") && date <= d("\(year)-04-23"))
        }
    }

    @Test("every rule lands on its weekday or its observed weekday", arguments: HolidayRule.allCases)
    func weekdays(_ rule: HolidayRule) {
        for year in 1970...2099 {
            guard let observed = rule.observedDate(year: year) else { continue }
            #expect(!observed.isWeekend)
            #expect(observed.year == year, "\(rule) \(year) moved out of its year")
            switch rule {
            case .martinLutherKingDay, .laborDay: #expect(observed.weekday == .monday)
            case .memorialDay where year > 1970: #expect(observed.weekday == .monday)
            case .thanksgivingDay: #expect(observed.weekday == .thursday)
            case .electionDay: #expect(observed.weekday == .tuesday)
            default: break
            }
        }
    }

    @Test("Martin Luther King Jr. Day from 1998 only")
    func mlk() {
        #expect(calendar.isSession(d("1997-01-20")))
        #expect(calendar.isSession(d("1986-01-20")))
        #expect(calendar.holiday(on: d("1998-01-19"))?.name == "Martin Luther King Jr. Day")
        #expect(calendar.holiday(on: d("2024-01-15"))?.rule == .martinLutherKingDay)
    }

    @Test("Washington's Birthday: February 22 in 1970 (Sunday, observed Monday), third Monday from 1971")
    func washington() {
        #expect(calendar.holiday(on: d("1970-02-23"))?.name == "Washington's Birthday (observed)")
        #expect(calendar.holiday(on: d("1971-02-15"))?.name == "Washington's Birthday")
        #expect(calendar.isSession(d("1971-02-22")))
        #expect(calendar.holiday(on: d("2024-02-19"))?.rule == .washingtonsBirthday)
    }

    @Test("Memorial Day: May 30 in 1970 (Saturday before a month-end Friday: no closure), last Monday from 1971")
    func memorial() {
        #expect(HolidayRule.memorialDay.observedDate(year: 1970) == nil)
        #expect(calendar.isSession(d("1970-05-29")))
        #expect(calendar.holiday(on: d("1971-05-31"))?.rule == .memorialDay)
        #expect(calendar.holiday(on: d("2024-05-27"))?.rule == .memorialDay)
    }

    @Test("Juneteenth from 2022, with the weekend rule")
    func juneteenth() {
        #expect(calendar.isSession(d("2021-06-18")))
        #expect(calendar.holiday(on: d("2022-06-20"))?.name == "Juneteenth National Independence Day (observed)")
        #expect(calendar.holiday(on: d("2023-06-19"))?.rule == .juneteenth)
        #expect(calendar.holiday(on: d("2027-06-18"))?.rule == .juneteenth)
    }

    @Test("Election Day closed in 1972, 1976 and 1980 only")
    func electionDay() {
        #expect(calendar.holiday(on: d("1972-11-07"))?.rule == .electionDay)
        #expect(calendar.holiday(on: d("1976-11-02"))?.rule == .electionDay)
        #expect(calendar.holiday(on: d("1980-11-04"))?.rule == .electionDay)
        for open in ["1970-11-03", "1974-11-05", "1984-11-06", "1988-11-08", "2000-11-07", "2024-11-05"] {
            #expect(calendar.isSession(d(open)), "\(open)")
        }
    }

    @Test("Labor Day and Thanksgiving")
    func laborAndThanksgiving() {
        #expect(calendar.holiday(on: d("2024-09-02"))?.rule == .laborDay)
        #expect(calendar.holiday(on: d("2024-11-28"))?.rule == .thanksgivingDay)
        #expect(calendar.holiday(on: d("1970-11-26"))?.rule == .thanksgivingDay)
    }

    @Test("a Saturday New Year's Day is never observed: December 31 stays a session", arguments: [
        1972, 1977, 1983, 1994, 2000, 2005, 2011, 2022, 2028, 2033, 2039,
    ])
    func saturdayNewYear(_ year: Int) {
        #expect(d("\(year)-01-01").weekday == .saturday)
        #expect(HolidayRule.newYearsDay.observedDate(year: year) == nil)
        #expect(calendar.isSession(d("\(year - 1)-12-31")))
        #expect(calendar.isSession(d("\(year)-01-03")))
    }

    @Test("in 1970-2030 the Saturday years are exactly the reference's nine")
    func saturdayNewYearYears() {
        let years = (1970...2030).filter { d("\($0)-01-01").weekday == .saturday }
        #expect(years == [1972, 1977, 1983, 1994, 2000, 2005, 2011, 2022, 2028])
    }

    @Test("Sunday holidays close Monday; Saturday ones the Friday before")
    func weekendRule() {
        #expect(calendar.holiday(on: d("2017-01-02"))?.name == "New Year's Day (observed)")
        #expect(calendar.holiday(on: d("2021-07-05"))?.name == "Independence Day (observed)")
        #expect(calendar.holiday(on: d("2020-07-03"))?.name == "Independence Day (observed)")
        #expect(calendar.holiday(on: d("2021-12-24"))?.name == "Christmas Day (observed)")
        #expect(calendar.holiday(on: d("2022-12-26"))?.name == "Christmas Day (observed)")
        #expect(calendar.holiday(on: d("1970-07-03"))?.rule == .independenceDay)
    }

    @Test("the month-end exception applies only to New Year's and Memorial Day 1970 in 1970-2099")
    func monthEndException() {
        var suppressed: [String] = []
        for year in 1970...2099 {
            for rule in HolidayRule.allCases where rule.nominalDate(year: year) != nil && rule.observedDate(year: year) == nil {
                suppressed.append("\(rule) \(year)")
            }
        }
        let expected = (1970...2099).filter { d("\($0)-01-01").weekday == .saturday }.map { "newYearsDay \($0)" }
            + ["memorialDay 1970"]
        #expect(suppressed.sorted() == expected.sorted())
    }

    @Test("no Columbus Day, Veterans Day or federal Christmas Eve closures")
    func notHolidays() {
        for open in ["2024-10-14", "2024-11-11", "2025-12-24", "2025-12-26", "2019-12-24", "1999-12-31"] {
            #expect(calendar.isSession(d(open)), "\(open)")
        }
    }
}
