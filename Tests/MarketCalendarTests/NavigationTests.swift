import MarketCalendar
import Testing

@Suite("Next and previous session")
struct NavigationTests {
    @Test("across long closures", arguments: [
        ("2001-09-10", "2001-09-17"), ("2001-09-12", "2001-09-17"), ("2012-10-26", "2012-10-31"),
        ("2024-03-28", "2024-04-01"), ("2024-12-24", "2024-12-26"), ("1972-12-27", "1972-12-29"),
        ("2018-12-04", "2018-12-06"), ("1969-06-01", "1970-01-02"), ("2025-01-08", "2025-01-10"),
    ])
    func next(from: String, to: String) {
        #expect(calendar.nextSession(after: d(from)) == d(to))
    }

    @Test("backwards across long closures", arguments: [
        ("2001-09-17", "2001-09-10"), ("2001-09-14", "2001-09-10"), ("2012-10-31", "2012-10-26"),
        ("2024-04-01", "2024-03-28"), ("2024-01-02", "2023-12-29"), ("1970-01-05", "1970-01-02"),
    ])
    func previous(from: String, to: String) {
        #expect(calendar.previousSession(before: d(from)) == d(to))
    }

    @Test("nothing beyond the supported range")
    func ends() {
        #expect(calendar.previousSession(before: d("1970-01-02")) == nil)
        #expect(calendar.previousSession(before: d("0001-01-01")) == nil)
        #expect(calendar.nextSession(after: d("2099-12-31")) == nil)
        #expect(calendar.nextSession(after: d("9999-12-31")) == nil)
        #expect(calendar.previousSession(before: d("2200-01-01")) == d("2099-12-31"))
        #expect(throws: CalendarError.self) { try calendar.status(of: d("1969-12-31")) }
        #expect(!calendar.isSession(d("2100-01-04")))
        #expect(calendar.sessionCount(in: days("1960-01-01", "1969-12-31")) == 0)
    }

    @Test("the out-of-range error names the date and the range")
    func outOfRangeMessage() {
        #expect(throws: CalendarError(.outOfRange, "1969-12-31 is outside the calendar's range 1970-01-01..2099-12-31",
                                      value: "1969-12-31")) {
            try NYSECalendar.checkSupported(d("1969-12-31"))
        }
    }
}
