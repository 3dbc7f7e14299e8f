import ArgumentParser
import Foundation
import MarketCalendar
import Testing
import TestSupport
@testable import spx_data

@Suite("spx-data calendar")
struct CalendarCommandTests {
    /// 22:00 on Friday 2024-03-15 in New York, already Saturday in UTC.
    static let now = "2024-03-16T02:00:00Z"

    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try CLI.run(["calendar", "--format", "json", "--now", Self.now] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test("json for a year: sessions, early closes and holidays with names")
    func year2024() throws {
        let document = try json(["--from", "2024-01-01", "--to", "2024-12-31", "--holidays"])
        let sessions = try #require(document["sessions"] as? [String])
        #expect(sessions.count == 252)
        #expect(document["session_count"] as? Int == 252)
        #expect(sessions.first == "2024-01-02" && sessions.last == "2024-12-31")
        #expect(document["early_closes"] as? [String: String] == ["2024-07-03": "13:00", "2024-11-29": "13:00", "2024-12-24": "13:00"])
        let holidays = try #require(document["holidays"] as? [String: String])
        #expect(holidays.count == 10)
        #expect(holidays["2024-03-29"] == "Good Friday")
        #expect(holidays["2024-06-19"] == "Juneteenth National Independence Day")
        #expect(document["from"] as? String == "2024-01-01" && document["to"] as? String == "2024-12-31")
    }

    @Test("without --holidays the json has no holidays key")
    func noHolidays() throws {
        let document = try json(["--from", "2024-01-01", "--to", "2024-01-31"])
        #expect(document["holidays"] == nil)
        #expect((document["early_closes"] as? [String: String])?.isEmpty == true)
    }

    @Test("json 1970-2035 agrees with the library")
    func wholeRange() throws {
        let document = try json(["--from", "1970-01-01", "--to", "2035-12-31"])
        let range = CivilDate("1970-01-01")!...CivilDate("2035-12-31")!
        #expect(document["sessions"] as? [String] == NYSECalendar.nyse.tradingDays(in: range).map(\.description))
        let early = try #require(document["early_closes"] as? [String: String])
        #expect(early.count == NYSECalendar.nyse.earlyCloses(in: range).count)
        for e in NYSECalendar.nyse.earlyCloses(in: range) { #expect(early[e.date.description] == e.close.description) }
    }

    @Test("json for random ranges agrees with the library")
    func randomRanges() throws {
        var rng = SeededRandom(seed: 11)
        let calendar = NYSECalendar.nyse
        for _ in 0..<6 {
            let start = CivilDate(daysSince1970: Int.random(in: 0...(CivilDate("2099-01-01")!.daysSince1970), using: &rng))
            let range = start...start.advanced(by: Int.random(in: 0...400, using: &rng))
            let document = try json(["--from", range.lowerBound.description, "--to", range.upperBound.description, "--holidays"])
            #expect(document["sessions"] as? [String] == calendar.tradingDays(in: range).map(\.description))
            #expect((document["holidays"] as? [String: String])?.count == calendar.holidays(in: range).count)
            #expect((document["early_closes"] as? [String: String])?.count == calendar.earlyCloses(in: range).count)
        }
    }

    @Test("today and relative ranges resolve in New York time")
    func relative() throws {
        #expect(try json(["--from", "today", "--to", "today"])["sessions"] as? [String] == ["2024-03-15"])
        #expect(try json(["--from", "yesterday", "--to", "today"])["sessions"] as? [String] == ["2024-03-14", "2024-03-15"])
        let lastWeek = try json(["--range", "last 1 week"])
        #expect(lastWeek["from"] as? String == "2024-03-09" && lastWeek["to"] as? String == "2024-03-15")
        #expect((lastWeek["sessions"] as? [String])?.count == 5)
        let ytd = try json(["--range", "ytd"])
        #expect(ytd["from"] as? String == "2024-01-01")
    }

    @Test("the default range is the current New York year")
    func defaults() throws {
        let plain = try json([])
        #expect(plain["from"] as? String == "2024-01-01" && plain["to"] as? String == "2024-12-31")
        let fromOnly = try json(["--from", "2022-06-01"])
        #expect(fromOnly["to"] as? String == "2024-12-31")
        let toOnly = try json(["--to", "2023-02-01"])
        #expect(toOnly["from"] as? String == "2023-01-01")
    }

    @Test("table lists sessions, early closes and closed weekdays")
    func table() throws {
        let result = try CLI.run(["calendar", "--from", "2024-07-01", "--to", "2024-07-05", "--holidays"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("date") == true)
        #expect(lines.contains("2024-07-03  Wed  09:30  13:00  yes    Day before Independence Day"))
        #expect(lines.contains("2024-07-04  Thu  -      -             closed: Independence Day"))
        #expect(lines.last == "4 sessions, 1 early close, 1 closed weekday from 2024-07-01 to 2024-07-05; times are New York (America/New_York)")
    }

    @Test("csv has one row per day with UTC instants and the early-close flag")
    func csv() throws {
        let result = try CLI.run(["calendar", "--from", "2024-11-27", "--to", "2024-11-29", "--format", "csv", "--holidays"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            date,weekday,status,open,close,open_utc,close_utc,early_close,note
            2024-11-27,Wed,session,09:30,16:00,2024-11-27T14:30:00Z,2024-11-27T21:00:00Z,false,
            2024-11-28,Thu,closed,,,,,false,Thanksgiving Day
            2024-11-29,Fri,session,09:30,13:00,2024-11-29T14:30:00Z,2024-11-29T18:00:00Z,true,Day after Thanksgiving

            """)
    }

    @Test("csv quotes fields holding commas or quotes")
    func csvQuoting() {
        #expect(CSV.line(["a", "b,c", "say \"hi\""]) == "a,\"b,c\",\"say \"\"hi\"\"\"\n")
    }

    @Test("bad input fails with the value, the accepted forms or the range", arguments: [
        (["--from", "1969-12-31", "--to", "1970-01-31"], "--from 1969-12-31 is outside the calendar's range 1970-01-01..2099-12-31"),
        (["--to", "2100-01-01"], "--to 2100-01-01 is outside the calendar's range 1970-01-01..2099-12-31"),
        (["--range", "last 60 years"], "--range 'last 60 years' reaches 1964-03-16, which is outside the calendar's range"),
        (["--range", "last 30 dayz"], "accepted forms: YYYY-MM-DD, today, yesterday, last N days|weeks|months|years"),
        (["--from", "2024-02-30"], "'2024-02-30' is not a date: 2024-02 has 29 days"),
        (["--from", "soon"], "'soon' is not a date; accepted: YYYY-MM-DD (such as 2024-03-15), today or yesterday"),
        (["--from", "2024-03-01", "--to", "2024-02-01"], "--from 2024-03-01 is after --to 2024-02-01"),
        (["--range", "ytd", "--from", "today"], "--range cannot be combined with --from or --to"),
        (["--format", "xml"], "xml"),
    ])
    func errors(_ arguments: [String], message: String) throws {
        let result = try CLI.run(["calendar", "--now", Self.now] + arguments)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("parsing resolves the range without running")
    func parse() throws {
        let command = try CalendarCommand.parse(["--range", "2024-01-01..2024-03-31", "--format", "csv"])
        let range = try command.resolvedRange()
        #expect(range == CivilDate("2024-01-01")!...CivilDate("2024-03-31")!)
        #expect(command.format == .csv)
        #expect(throws: (any Error).self) { try CalendarCommand.parse(["--from", "1960-01-01"]) }
    }
}
