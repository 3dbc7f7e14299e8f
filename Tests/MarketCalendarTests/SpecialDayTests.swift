import MarketCalendar
import Testing

@Suite("One-off closures and early closes")
struct SpecialDayTests {
    @Test("every one-off closure of the reference closes the exchange, with its reason", arguments: [
        "1972-12-28", "1973-01-25", "1977-07-14", "1985-09-27", "1994-04-27", "2001-09-11", "2001-09-12", "2001-09-13",
        "2001-09-14", "2004-06-11", "2007-01-02", "2012-10-29", "2012-10-30", "2018-12-05", "2025-01-09",
    ])
    func specialClosure(_ text: String) throws {
        let holiday = try #require(calendar.holiday(on: d(text)))
        #expect(holiday.isSpecialClosure)
        #expect(holiday.name == NYSEHistory.specialClosures.first { $0.date == d(text) }?.reason)
        #expect(try calendar.status(of: d(text)) == .holiday(holiday))
    }

    @Test("the table holds exactly the reference's fifteen closures")
    func tableSize() {
        #expect(NYSEHistory.specialClosures.count == 15)
        #expect(Set(NYSEHistory.specialClosures.map(\.date)).count == 15)
        #expect(NYSEHistory.specialClosures.allSatisfy { !$0.date.isWeekend })
    }

    @Test("an announced closure is added as data")
    func addedClosure() {
        let extended = NYSECalendar(specialClosures: NYSEHistory.specialClosures + [
            SpecialClosure(date: d("2031-03-12"), reason: "National day of mourning"),
        ])
        #expect(calendar.isSession(d("2031-03-12")))
        #expect(!extended.isSession(d("2031-03-12")))
        #expect(extended.holiday(on: d("2031-03-12"))?.name == "National day of mourning")
        #expect(extended.nextSession(after: d("2031-03-11")) == d("2031-03-13"))
    }

    @Test("every scheduled early close 1970-2030", arguments: [
        ("1974-12-24", 14), ("1975-12-24", 14), ("1990-12-24", 14), ("1991-12-24", 14), ("1992-11-27", 14),
        ("1992-12-24", 14), ("1993-11-26", 13), ("1994-11-25", 13), ("1995-07-03", 13), ("1995-11-24", 13),
        ("1996-07-05", 13), ("1996-11-29", 13), ("1996-12-24", 13), ("1997-07-03", 13), ("1997-11-28", 13),
        ("1997-12-24", 13), ("1997-12-26", 13), ("1999-11-26", 13), ("1999-12-31", 13), ("2002-07-05", 13),
        ("2003-12-26", 13), ("2013-07-03", 13), ("2019-07-03", 13), ("2024-07-03", 13), ("2024-12-24", 13),
    ])
    func earlyClose(_ text: String, hour: Int) throws {
        let early = try #require(calendar.earlyClose(on: d(text)))
        #expect(early.close == TimeOfDay(hour: hour))
        #expect(calendar.session(on: d(text))?.close == TimeOfDay(hour: hour))
    }

    @Test("Christmas Eve before 1993 was a full day except 1974, 1975 and 1990-1992")
    func christmasEveBefore1993() {
        for year in 1970...1992 {
            let eve = d("\(year)-12-24")
            guard calendar.isSession(eve) else { continue }
            let early = calendar.earlyClose(on: eve) != nil
            #expect(early == [1974, 1975, 1990, 1991, 1992].contains(year), "\(year)")
        }
    }

    @Test("July 3: Monday, Tuesday, Thursday from 1995; Wednesday from 2013; July 5 on Friday before 2013")
    func july3() {
        for year in 1995...2099 {
            let july3 = d("\(year)-07-03"), july5 = d("\(year)-07-05")
            let threeEarly = calendar.earlyClose(on: july3) != nil, fiveEarly = calendar.earlyClose(on: july5) != nil
            switch july3.weekday {
            case .monday, .tuesday, .thursday: #expect(threeEarly && !fiveEarly, "\(year)")
            case .wednesday: #expect(threeEarly == (year >= 2013) && fiveEarly == (year < 2013), "\(year)")
            default: #expect(!threeEarly && !fiveEarly, "\(year)")
            }
        }
        for year in 1970...1994 {
            #expect(calendar.earlyClose(on: d("\(year)-07-03")) == nil && calendar.earlyClose(on: d("\(year)-07-05")) == nil)
        }
    }

    @Test("no early close next to an observed holiday", arguments: [
        "2020-07-02", "2021-07-02", "2021-12-23", "2022-12-23", "2026-07-02", "2015-07-02", "2027-12-23",
    ])
    func noEarlyCloseBesideObserved(_ text: String) {
        #expect(calendar.isSession(d(text)))
        #expect(calendar.earlyClose(on: d(text)) == nil)
    }

    @Test("the Friday after a Thursday Christmas: early in 1997 and 2003 only")
    func fridayAfterChristmas() {
        for year in 1970...2099 where d("\(year)-12-25").weekday == .thursday {
            #expect((calendar.earlyClose(on: d("\(year)-12-26")) != nil) == [1997, 2003].contains(year), "\(year)")
        }
    }

    @Test("New Year's Eve is a full session every year except 1999")
    func newYearsEve() {
        for year in 1970...2099 where calendar.isSession(d("\(year)-12-31")) {
            #expect((calendar.earlyClose(on: d("\(year)-12-31")) != nil) == (year == 1999), "\(year)")
        }
    }

    @Test("every early close falls on a session and ends before the regular close")
    func earlyClosesAreSessions() {
        for early in calendar.earlyCloses(in: NYSECalendar.supportedRange) {
            let session = calendar.session(on: early.date)
            #expect(session?.isEarlyClose == true)
            #expect(early.close < RegularHours.on(early.date).close)
        }
    }
}
