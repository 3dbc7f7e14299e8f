import Foundation
import MarketCalendar
import Testing

@Suite("CivilDate")
struct CivilDateTests {
    @Test("day numbers and components agree with Foundation's Gregorian calendar for every day 1900-2100")
    func againstFoundation() throws {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = try #require(TimeZone(identifier: "UTC"))
        for n in CivilDate.dayNumber(1900, 1, 1)...CivilDate.dayNumber(2100, 12, 31) {
            let date = CivilDate(daysSince1970: n)
            let parts = gregorian.dateComponents([.year, .month, .day, .weekday],
                                                 from: Date(timeIntervalSince1970: Double(n) * 86_400))
            #expect(date.year == parts.year && date.month == parts.month && date.day == parts.day)
            #expect(date.weekday.rawValue + 1 == parts.weekday)
            #expect(CivilDate(year: date.year, month: date.month, day: date.day)?.daysSince1970 == n)
        }
    }

    @Test("text round trip and known weekdays")
    func text() throws {
        #expect(try CivilDate(parsing: "2024-03-15").description == "2024-03-15")
        #expect(d("1970-01-01").daysSince1970 == 0)
        #expect(d("1970-01-01").weekday == .thursday)
        #expect(d("2024-02-29").weekday == .thursday)
        #expect(d("0001-01-01").description == "0001-01-01")
        #expect(d("2024-03-15").advanced(by: 17) == d("2024-04-01"))
        #expect(d("2024-03-31").adding(months: -1) == d("2024-02-29"))
        #expect(d("2024-02-29").adding(years: 1) == d("2025-02-28"))
        #expect(days("2024-02-27", "2024-03-02").count == 5)
    }

    @Test("invalid text names the value and the accepted form", arguments: [
        ("2024-3-15", "'2024-3-15' is not a date; use YYYY-MM-DD, such as 2024-03-15"),
        ("15/03/2024", "'15/03/2024' is not a date; use YYYY-MM-DD, such as 2024-03-15"),
        ("", "'' is not a date; use YYYY-MM-DD, such as 2024-03-15"),
        ("2024-13-01", "'2024-13-01' is not a date: month 13 does not exist; use YYYY-MM-DD, such as 2024-03-15"),
        ("2023-02-29", "'2023-02-29' is not a date: 2023-02 has 28 days; use YYYY-MM-DD, such as 2024-03-15"),
        ("2024-04-31", "'2024-04-31' is not a date: 2024-04 has 30 days; use YYYY-MM-DD, such as 2024-03-15"),
        ("2024-01-+1", "'2024-01-+1' is not a date; use YYYY-MM-DD, such as 2024-03-15"),
    ])
    func invalid(_ text: String, message: String) {
        #expect(throws: CalendarError(.invalidDate, message, value: text)) { try CivilDate(parsing: text) }
        #expect(CivilDate(text) == nil)
    }

    @Test("Codable uses the YYYY-MM-DD string")
    func codable() throws {
        let data = try JSONEncoder().encode([d("2024-03-15")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-03-15"]"#)
        #expect(try JSONDecoder().decode([CivilDate].self, from: data) == [d("2024-03-15")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CivilDate].self, from: Data(#"["2024-02-30"]"#.utf8)) }
    }

    @Test("times of day")
    func timeOfDay() throws {
        #expect(try TimeOfDay(parsing: "09:30") == TimeOfDay(hour: 9, minute: 30))
        #expect(TimeOfDay(hour: 13).description == "13:00")
        #expect(throws: CalendarError.self) { try TimeOfDay(parsing: "9:30") }
        #expect(throws: CalendarError.self) { try TimeOfDay(parsing: "24:00") }
    }

    @Test("instants print as ISO 8601 UTC, also before 1970")
    func instants() {
        #expect(UTCInstant(secondsSince1970: 0).description == "1970-01-01T00:00:00Z")
        #expect(UTCInstant(secondsSince1970: -1).description == "1969-12-31T23:59:59Z")
        #expect(UTCInstant(d("2024-03-15"), TimeOfDay(hour: 20)).description == "2024-03-15T20:00:00Z")
    }
}

extension CivilDate {
    static func dayNumber(_ y: Int, _ m: Int, _ d: Int) -> Int { CivilDate(year: y, month: m, day: d)!.daysSince1970 }
}
