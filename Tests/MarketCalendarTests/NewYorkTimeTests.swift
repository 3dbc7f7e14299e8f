import Foundation
import MarketCalendar
import Testing

@Suite("New York time and session instants")
struct NewYorkTimeTests {
    @Test("daylight saving dates of each era", arguments: [
        (1970, "1970-04-26", "1970-10-25"), (1973, "1973-04-29", "1973-10-28"), (1974, "1974-01-06", "1974-10-27"),
        (1975, "1975-02-23", "1975-10-26"), (1976, "1976-04-25", "1976-10-31"), (1986, "1986-04-27", "1986-10-26"),
        (1987, "1987-04-05", "1987-10-25"), (2006, "2006-04-02", "2006-10-29"), (2007, "2007-03-11", "2007-11-04"),
        (2024, "2024-03-10", "2024-11-03"), (2035, "2035-03-11", "2035-11-04"),
    ])
    func transitions(year: Int, start: String, end: String) {
        let period = NewYorkTime.daylightSaving(year: year)
        #expect(period.start == d(start) && period.end == d(end))
    }

    /// Whether the platform has a tz database; the module itself does not need one.
    static let hasTZDatabase = TimeZone(identifier: "America/New_York") != nil

    @Test("offsets match the system tz database every hour of 1970-2037", .enabled(if: hasTZDatabase))
    func againstTZDatabase() throws {
        // The pure rules need no tz database; this checks them against one where the
        // platform has it (Foundation reads /usr/share/zoneinfo on Linux).
        let zone = try #require(TimeZone(identifier: "America/New_York"), "no tz database on this machine")
        var mismatches: [String] = []
        let start = Int64(d("1970-01-01").daysSince1970) * 86_400, end = Int64(d("2037-12-31").daysSince1970) * 86_400
        for t in stride(from: start, through: end, by: 3600) {
            let instant = UTCInstant(secondsSince1970: t)
            let expected = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t)))
            if NewYorkTime.utcOffset(at: instant) != expected, mismatches.count < 5 { mismatches.append("\(instant)") }
        }
        #expect(mismatches.isEmpty, "differs at \(mismatches)")
    }

    @Test("every session's open and close instants match the tz database, 1970-2037", .enabled(if: hasTZDatabase))
    func sessionInstantsAgainstTZDatabase() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = zone
        for session in calendar.sessions(in: days("1970-01-01", "2037-12-31")) {
            for (time, instant) in [(session.open, session.openInstant), (session.close, session.closeInstant)] {
                let components = DateComponents(year: session.date.year, month: session.date.month, day: session.date.day,
                                                hour: time.hour, minute: time.minute)
                let expected = try #require(gregorian.date(from: components))
                #expect(Double(instant.secondsSince1970) == expected.timeIntervalSince1970, "\(session)")
            }
        }
    }

    @Test("16:00 ET is 21:00Z in winter and 20:00Z in summer")
    func closeInstants() throws {
        let winter = try #require(calendar.session(on: d("2024-01-10")))
        #expect(winter.closeInstant.description == "2024-01-10T21:00:00Z")
        #expect(winter.openInstant.description == "2024-01-10T14:30:00Z")
        let summer = try #require(calendar.session(on: d("2024-07-10")))
        #expect(summer.closeInstant.description == "2024-07-10T20:00:00Z")
        #expect(summer.openInstant.description == "2024-07-10T13:30:00Z")
        let early = try #require(calendar.session(on: d("2024-11-29")))
        #expect(early.closeInstant.description == "2024-11-29T18:00:00Z")
    }

    @Test("around the 2007 rule change: March 2007 sessions are in daylight time, March 2006 not")
    func ruleChange2007() throws {
        #expect(calendar.session(on: d("2006-03-13"))?.closeInstant.description == "2006-03-13T21:00:00Z")
        #expect(calendar.session(on: d("2006-03-31"))?.closeInstant.description == "2006-03-31T21:00:00Z")
        #expect(calendar.session(on: d("2006-04-03"))?.closeInstant.description == "2006-04-03T20:00:00Z")
        #expect(calendar.session(on: d("2006-10-27"))?.closeInstant.description == "2006-10-27T20:00:00Z")
        #expect(calendar.session(on: d("2006-10-30"))?.closeInstant.description == "2006-10-30T21:00:00Z")
        #expect(calendar.session(on: d("2007-03-09"))?.closeInstant.description == "2007-03-09T21:00:00Z")
        #expect(calendar.session(on: d("2007-03-12"))?.closeInstant.description == "2007-03-12T20:00:00Z")
        #expect(calendar.session(on: d("2007-11-02"))?.closeInstant.description == "2007-11-02T20:00:00Z")
        #expect(calendar.session(on: d("2007-11-05"))?.closeInstant.description == "2007-11-05T21:00:00Z")
    }

    @Test("the 1974 energy-crisis daylight time: January 1974 closes at 20:30Z (15:30 EDT)")
    func energyCrisis() {
        #expect(calendar.session(on: d("1974-01-04"))?.closeInstant.description == "1974-01-04T20:30:00Z")
        #expect(calendar.session(on: d("1974-01-07"))?.closeInstant.description == "1974-01-07T19:30:00Z")
        #expect(calendar.session(on: d("1975-02-24"))?.closeInstant.description == "1975-02-24T20:00:00Z")
    }

    @Test("regular hours by era")
    func hours() {
        #expect(calendar.session(on: d("1970-05-01"))?.description == "1970-05-01 10:00-15:00")
        #expect(calendar.session(on: d("1970-05-04"))?.description == "1970-05-04 10:00-15:30")
        #expect(calendar.session(on: d("1974-09-30"))?.description == "1974-09-30 10:00-15:30")
        #expect(calendar.session(on: d("1974-10-01"))?.description == "1974-10-01 10:00-16:00")
        #expect(calendar.session(on: d("1985-09-26"))?.description == "1985-09-26 10:00-16:00")
        #expect(calendar.session(on: d("1985-09-30"))?.description == "1985-09-30 09:30-16:00")
        #expect(calendar.session(on: d("1999-12-31"))?.description == "1999-12-31 09:30-13:00 (early close)")
    }

    @Test("the New York date at an instant")
    func newYorkDate() {
        #expect(NewYorkTime.date(at: UTCInstant(d("2024-03-16"), TimeOfDay(hour: 2))) == d("2024-03-15"))
        #expect(NewYorkTime.date(at: UTCInstant(d("2024-03-16"), TimeOfDay(hour: 4))) == d("2024-03-16"))
        #expect(NewYorkTime.date(at: UTCInstant(d("2024-01-16"), TimeOfDay(hour: 4, minute: 59))) == d("2024-01-15"))
        #expect(NewYorkTime.date(at: UTCInstant(d("2024-01-16"), TimeOfDay(hour: 5))) == d("2024-01-16"))
    }
}
