import MarketCalendar
import Testing
import TestSupport

@Suite("Calendar properties over random dates")
struct CalendarPropertyTests {
    static func randomDate(_ rng: inout SeededRandom) -> CivilDate {
        let range = NYSECalendar.supportedRange
        return CivilDate(daysSince1970: Int.random(in: range.lowerBound.daysSince1970...range.upperBound.daysSince1970,
                                                   using: &rng))
    }

    @Test("next and previous invert each other and skip only non-sessions")
    func nextPrevious() throws {
        var rng = SeededRandom(seed: 1)
        for _ in 0..<2000 {
            let date = Self.randomDate(&rng)
            guard let next = calendar.nextSession(after: date), let previous = calendar.previousSession(before: date)
            else { continue }
            #expect(calendar.isSession(next) && calendar.isSession(previous))
            #expect(previous < date && date < next)
            #expect(calendar.previousSession(before: next) == (calendar.isSession(date) ? date : previous))
            #expect(calendar.nextSession(after: previous) == (calendar.isSession(date) ? date : next))
            #expect((previous.advanced(by: 1)..<next).filter(calendar.isSession).count == (calendar.isSession(date) ? 1 : 0))
            // No gap between sessions is longer than the September 2001 closure.
            #expect(previous.distance(to: next) <= 8)
        }
    }

    @Test("sessions(in:) equals filtering every day with isSession")
    func sessionsEqualFilter() {
        var rng = SeededRandom(seed: 2)
        for _ in 0..<300 {
            let a = Self.randomDate(&rng)
            let b = a.advanced(by: Int.random(in: 0...800, using: &rng))
            let range = a...min(b, NYSECalendar.supportedRange.upperBound)
            #expect(Array(calendar.tradingDays(in: range)) == range.filter(calendar.isSession))
        }
    }

    @Test("a weekday has a holiday name exactly when it is not a session; status agrees, every day 1970-2099")
    func holidayIffClosedWeekday() throws {
        for date in NYSECalendar.supportedRange {
            let session = calendar.isSession(date), holiday = calendar.holiday(on: date)
            #expect((holiday != nil) == (!date.isWeekend && !session))
            switch try calendar.status(of: date) {
            case .session(let s): #expect(session && s.date == date && holiday == nil)
            case .weekend(let w): #expect(date.isWeekend && w == date.weekday && !session)
            case .holiday(let h): #expect(h == holiday && !session)
            }
        }
    }

    @Test("single-date queries agree with the year schedules and the session sequence, every day 1970-2099")
    func singleDayAgreesWithSchedule() {
        var sequence = calendar.sessions(in: NYSECalendar.supportedRange).makeIterator()
        var nextSession = sequence.next()
        for year in 1970...2099 {
            let schedule = calendar.schedule(for: year)
            for date in d("\(year)-01-01")...d("\(year)-12-31") {
                #expect(calendar.isSession(date) == schedule.isSession(date), "\(date)")
                #expect(calendar.holiday(on: date) == schedule.holiday(on: date), "\(date)")
                #expect(calendar.earlyClose(on: date) == schedule.earlyClose(on: date), "\(date)")
                #expect(calendar.session(on: date) == schedule.session(on: date), "\(date)")
                if calendar.isSession(date) {
                    #expect(nextSession == calendar.session(on: date))
                    nextSession = sequence.next()
                }
            }
        }
        #expect(nextSession == nil)
    }

    @Test("every year has 248 to 254 sessions and 7 to 13 closed weekdays")
    func yearBounds() {
        for year in 1970...2099 {
            let count = calendar.sessionCount(in: d("\(year)-01-01")...d("\(year)-12-31"))
            #expect((248...254).contains(count), "\(year): \(count)")
            #expect((7...13).contains(calendar.schedule(for: year).holidays.count), "\(year)")
        }
    }
}
