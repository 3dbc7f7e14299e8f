import MarketCalendar
import Testing

/// The per-year checksums of the reference (§8): weekdays, weekdays closed by rule, one-off
/// closures, sessions and scheduled early closes, 1970-2030.
@Suite("Per-year checksums of the reference")
struct YearChecksumTests {
    struct Year: Sendable, CustomStringConvertible {
        var year, weekdays, ruleHolidays, specialClosures, sessions, earlyCloses: Int
        var description: String { String(year) }
    }

    static let table: [Year] = [
        (1970, 261, 7, 0, 254, 0), (1971, 261, 8, 0, 253, 0), (1972, 260, 8, 1, 251, 0), (1973, 261, 8, 1, 252, 0),
        (1974, 261, 8, 0, 253, 1), (1975, 261, 8, 0, 253, 1), (1976, 262, 9, 0, 253, 0), (1977, 260, 7, 1, 252, 0),
        (1978, 260, 8, 0, 252, 0), (1979, 261, 8, 0, 253, 0), (1980, 262, 9, 0, 253, 0), (1981, 261, 8, 0, 253, 0),
        (1982, 261, 8, 0, 253, 0), (1983, 260, 7, 0, 253, 0), (1984, 261, 8, 0, 253, 0), (1985, 261, 8, 1, 252, 0),
        (1986, 261, 8, 0, 253, 0), (1987, 261, 8, 0, 253, 0), (1988, 261, 8, 0, 253, 0), (1989, 260, 8, 0, 252, 0),
        (1990, 261, 8, 0, 253, 1), (1991, 261, 8, 0, 253, 1), (1992, 262, 8, 0, 254, 2), (1993, 261, 8, 0, 253, 1),
        (1994, 260, 7, 1, 252, 1), (1995, 260, 8, 0, 252, 2), (1996, 262, 8, 0, 254, 3), (1997, 261, 8, 0, 253, 4),
        (1998, 261, 9, 0, 252, 2), (1999, 261, 9, 0, 252, 2), (2000, 260, 8, 0, 252, 2), (2001, 261, 9, 4, 248, 3),
        (2002, 261, 9, 0, 252, 3), (2003, 261, 9, 0, 252, 4), (2004, 262, 9, 1, 252, 1), (2005, 260, 8, 0, 252, 1),
        (2006, 260, 9, 0, 251, 2), (2007, 261, 9, 1, 251, 3), (2008, 262, 9, 0, 253, 3), (2009, 261, 9, 0, 252, 2),
        (2010, 261, 9, 0, 252, 1), (2011, 260, 8, 0, 252, 1), (2012, 261, 9, 2, 250, 3), (2013, 261, 9, 0, 252, 3),
        (2014, 261, 9, 0, 252, 3), (2015, 261, 9, 0, 252, 2), (2016, 261, 9, 0, 252, 1), (2017, 260, 9, 0, 251, 2),
        (2018, 261, 9, 1, 251, 3), (2019, 261, 9, 0, 252, 3), (2020, 262, 9, 0, 253, 2), (2021, 261, 9, 0, 252, 1),
        (2022, 260, 9, 0, 251, 1), (2023, 260, 10, 0, 250, 2), (2024, 262, 10, 0, 252, 3), (2025, 261, 10, 1, 250, 3),
        (2026, 261, 10, 0, 251, 2), (2027, 261, 10, 0, 251, 1), (2028, 260, 9, 0, 251, 2), (2029, 261, 10, 0, 251, 3),
        (2030, 261, 10, 0, 251, 3),
    ].map { Year(year: $0.0, weekdays: $0.1, ruleHolidays: $0.2, specialClosures: $0.3, sessions: $0.4, earlyCloses: $0.5) }

    @Test("every year 1970-2030 matches the reference", arguments: table)
    func year(_ expected: Year) {
        let all = d("\(expected.year)-01-01")...d("\(expected.year)-12-31")
        let schedule = calendar.schedule(for: expected.year)
        #expect(all.filter { !$0.isWeekend }.count == expected.weekdays)
        #expect(schedule.holidays.filter { !$0.isSpecialClosure }.count == expected.ruleHolidays)
        #expect(schedule.holidays.filter(\.isSpecialClosure).count == expected.specialClosures)
        #expect(calendar.sessionCount(in: all) == expected.sessions)
        #expect(all.filter(calendar.isSession).count == expected.sessions)
        #expect(schedule.earlyCloses.count == expected.earlyCloses)
        #expect(calendar.earlyCloses(in: all).count == expected.earlyCloses)
    }

    @Test("totals: 15,376 sessions 1970-2030, 10,322 from 1990, 7,794 from 2000; 90 early closes, 88 from 1990")
    func totals() {
        #expect(calendar.sessionCount(in: days("1970-01-01", "2030-12-31")) == 15_376)
        #expect(calendar.sessionCount(in: days("1990-01-01", "2030-12-31")) == 10_322)
        #expect(calendar.sessionCount(in: days("2000-01-01", "2030-12-31")) == 7_794)
        #expect(calendar.earlyCloses(in: days("1970-01-01", "2030-12-31")).count == 90)
        #expect(calendar.earlyCloses(in: days("1990-01-01", "2030-12-31")).count == 88)
        #expect(Self.table.map(\.sessions).reduce(0, +) == 15_376)
    }
}
