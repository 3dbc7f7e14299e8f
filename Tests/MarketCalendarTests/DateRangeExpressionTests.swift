import MarketCalendar
import Testing

@Suite("Relative date ranges")
struct DateRangeExpressionTests {
    /// 2024-03-15 in New York (22:00 EDT): the next UTC day already.
    static let now = UTCInstant(d("2024-03-16"), TimeOfDay(hour: 2))

    func range(_ text: String, now: UTCInstant = now) throws -> String {
        let r = try DateRangeExpression(parsing: text).resolved(now: now)
        return "\(r.lowerBound)..\(r.upperBound)"
    }

    @Test("each form, resolved in New York time", arguments: [
        ("2024-03-01", "2024-03-01..2024-03-01"),
        ("today", "2024-03-15..2024-03-15"),
        ("yesterday", "2024-03-14..2024-03-14"),
        ("last 1 day", "2024-03-15..2024-03-15"),
        ("last 30 days", "2024-02-15..2024-03-15"),
        ("last 4 weeks", "2024-02-17..2024-03-15"),
        ("last 1 week", "2024-03-09..2024-03-15"),
        ("last 6 months", "2023-09-16..2024-03-15"),
        ("last 1 month", "2024-02-16..2024-03-15"),
        ("last 2 years", "2022-03-16..2024-03-15"),
        ("ytd", "2024-01-01..2024-03-15"),
        ("mtd", "2024-03-01..2024-03-15"),
        ("2024-01-01..2024-03-31", "2024-01-01..2024-03-31"),
        ("2024-01-01..today", "2024-01-01..2024-03-15"),
        ("yesterday..today", "2024-03-14..2024-03-15"),
        ("  Last   30   Days ", "2024-02-15..2024-03-15"),
        ("TODAY", "2024-03-15..2024-03-15"),
        ("2024-01-01 .. 2024-01-31", "2024-01-01..2024-01-31"),
    ])
    func forms(_ text: String, expected: String) throws {
        #expect(try range(text) == expected)
    }

    @Test("the New York day changes at midnight New York time, not UTC")
    func boundary() throws {
        #expect(try range("today", now: UTCInstant(d("2024-03-16"), TimeOfDay(hour: 3, minute: 59))) == "2024-03-15..2024-03-15")
        #expect(try range("today", now: UTCInstant(d("2024-03-16"), TimeOfDay(hour: 4))) == "2024-03-16..2024-03-16")
        #expect(try range("today", now: UTCInstant(d("2024-01-16"), TimeOfDay(hour: 4, minute: 59))) == "2024-01-15..2024-01-15")
        #expect(try range("ytd", now: UTCInstant(d("2025-01-01"), TimeOfDay(hour: 3))) == "2024-01-01..2024-12-31")
    }

    @Test("months clamp to the month's end")
    func monthEnds() throws {
        let march31 = UTCInstant(d("2024-03-31"), TimeOfDay(hour: 16))
        #expect(try range("last 1 month", now: march31) == "2024-03-01..2024-03-31")
        let leapDay = UTCInstant(d("2024-02-29"), TimeOfDay(hour: 16))
        #expect(try range("last 1 year", now: leapDay) == "2023-03-01..2024-02-29")
    }

    @Test("descriptions read back as the same expression")
    func roundTrip() throws {
        for text in ["2024-03-01", "today", "last 30 days", "last 1 week", "ytd", "mtd", "2024-01-01..yesterday"] {
            #expect(try DateRangeExpression(parsing: text).description == text)
        }
    }

    @Test("invalid input names the value and lists every accepted form", arguments: [
        ("last 30 dayz", "'dayz' is not days, weeks, months or years"),
        ("last thirty days", "write last, a number and a unit, such as last 30 days"),
        ("last 0 days", "the count must be 1 to 100000"),
        ("next week", "'next week' is not a date range"),
        ("", "an empty date range"),
        ("2024-02-30", "'2024-02-30' is not a date: 2024-02 has 29 days"),
        ("2024-01-01..", "an end is missing"),
        ("2024-01-01..soon", "'soon' is not a date"),
        ("2024-01-01..2024-02-30", "'2024-02-30' is not a date"),
    ])
    func invalid(_ text: String, reason: String) {
        do {
            _ = try DateRangeExpression(parsing: text)
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(error.code == .invalidRange)
            #expect(error.value == text)
            #expect(error.message.contains(reason), "\(error.message)")
            #expect(error.message.hasSuffix("accepted forms: " + DateRangeExpression.acceptedForms))
            for form in ["YYYY-MM-DD", "today", "yesterday", "last N days|weeks|months|years", "ytd", "mtd", "FROM..TO"] {
                #expect(error.message.contains(form))
            }
        }
    }

    @Test("a range that starts after it ends is refused with both dates")
    func reversed() throws {
        let expression = try DateRangeExpression(parsing: "2024-03-31..2024-01-01")
        #expect(throws: CalendarError(.invalidRange,
                                      "'2024-03-31..2024-01-01' starts (2024-03-31) after it ends (2024-01-01); put the earlier date first",
                                      value: "2024-03-31..2024-01-01")) {
            try expression.resolved(now: Self.now)
        }
    }

    @Test("counts that reach before year 1 are refused, not trapped")
    func huge() throws {
        #expect(throws: CalendarError.self) { try DateRangeExpression(parsing: "last 100000 years").resolved(now: Self.now) }
        #expect(try range("last 100000 days") == "1750-06-01..2024-03-15")
    }

    @Test("single dates accept today and yesterday")
    func singleDates() throws {
        #expect(try DateExpression(parsing: "yesterday").resolved(now: Self.now) == d("2024-03-14"))
        #expect(throws: CalendarError.self) { try DateExpression(parsing: "tomorrow") }
        do {
            _ = try DateExpression(parsing: "tomorrow")
        } catch {
            #expect(error.message == "'tomorrow' is not a date; accepted: YYYY-MM-DD (such as 2024-03-15), today or yesterday")
        }
    }
}
