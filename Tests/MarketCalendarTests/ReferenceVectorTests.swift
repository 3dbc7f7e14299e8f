import MarketCalendar
import Testing

/// The reference's test vectors (§7) and NYSE Group's published holiday sets for 2026-2028.
@Suite("Reference vectors")
struct ReferenceVectorTests {
    static let closed = [
        "1970-02-23", "1970-07-03", "1972-11-07", "1980-11-04", "1985-09-27", "1994-04-27", "2001-09-11",
        "2001-09-14", "2004-06-11", "2007-01-02", "2012-10-29", "2012-10-30", "2015-07-03", "2017-01-02",
        "2018-12-05", "2020-07-03", "2021-07-05", "2021-12-24", "2022-06-20", "2022-12-26", "2023-01-02",
        "2025-01-09", "2026-07-03", "2027-06-18", "2027-07-05", "2027-12-24",
    ]

    /// Open days with their close: nil for a full day.
    static let open: [(String, String?)] = [
        ("1970-05-29", nil), ("1984-11-06", nil), ("1987-12-24", nil), ("1998-01-02", nil), ("1999-12-31", "13:00"),
        ("2001-09-17", nil), ("2002-07-03", nil), ("2002-07-05", "13:00"), ("2004-12-31", nil), ("2008-12-26", nil),
        ("2010-12-31", nil), ("2012-10-31", nil), ("2013-07-03", "13:00"), ("2013-07-05", nil), ("2014-12-26", nil),
        ("2020-07-02", nil), ("2021-06-18", nil), ("2021-12-31", nil), ("2022-12-23", nil), ("2023-07-03", "13:00"),
        ("2024-07-03", "13:00"), ("2025-07-03", "13:00"), ("2025-12-24", "13:00"), ("2025-12-26", nil),
        ("2026-07-02", nil), ("2026-11-27", "13:00"), ("2026-12-24", "13:00"), ("2027-07-02", nil),
        ("2027-12-31", nil), ("2028-07-03", "13:00"), ("2030-07-03", "13:00"),
    ]

    @Test("closed weekdays have a name", arguments: closed)
    func closedDay(_ text: String) throws {
        let date = d(text)
        #expect(!date.isWeekend)
        #expect(!calendar.isSession(date))
        let holiday = try #require(calendar.holiday(on: date))
        #expect(!holiday.name.isEmpty)
        #expect(calendar.session(on: date) == nil)
    }

    @Test("open days and their close", arguments: open.map { "\($0.0) \($0.1 ?? "full")" })
    func openDay(_ vector: String) throws {
        let parts = vector.split(separator: " ")
        let date = d(String(parts[0]))
        let session = try #require(calendar.session(on: date))
        #expect(calendar.holiday(on: date) == nil)
        if parts[1] == "full" {
            #expect(session.close == RegularHours.on(date).close)
            #expect(calendar.earlyClose(on: date) == nil)
            #expect(!session.isEarlyClose)
        } else {
            #expect(session.close.description == parts[1])
            #expect(calendar.earlyClose(on: date)?.close.description == String(parts[1]))
        }
    }

    @Test("published holiday sets 2026-2028", arguments: [
        (2026, ["01-01", "01-19", "02-16", "04-03", "05-25", "06-19", "07-03", "09-07", "11-26", "12-25"], ["11-27", "12-24"]),
        (2027, ["01-01", "01-18", "02-15", "03-26", "05-31", "06-18", "07-05", "09-06", "11-25", "12-24"], ["11-26"]),
        (2028, ["01-17", "02-21", "04-14", "05-29", "06-19", "07-04", "09-04", "11-23", "12-25"], ["07-03", "11-24"]),
    ])
    func published(year: Int, holidays: [String], earlyCloses: [String]) {
        let schedule = calendar.schedule(for: year)
        #expect(schedule.holidays.map(\.date) == holidays.map { d("\(year)-\($0)") })
        #expect(schedule.earlyCloses.map(\.date) == earlyCloses.map { d("\(year)-\($0)") })
        #expect(schedule.earlyCloses.allSatisfy { $0.close == TimeOfDay(hour: 13) })
    }
}
