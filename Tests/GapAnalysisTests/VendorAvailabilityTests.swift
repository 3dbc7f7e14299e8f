import GapAnalysis
import MarketCalendar
import Testing

/// New York wall-clock `YYYY-MM-DDTHH:MM` as an instant.
func newYork(_ text: String) -> UTCInstant {
    let parts = text.split(separator: "T")
    let clock = parts[1].split(separator: ":")
    return NewYorkTime.instant(on: d(String(parts[0])), at: TimeOfDay(hour: Int(clock[0])!, minute: Int(clock[1])!))
}

@Suite("When the vendor has a day, and what that does to gaps")
struct VendorAvailabilityTests {
    let availability = VendorAvailability(availableAfter: 17 * 60 + 30)

    @Test("17:30 after a regular close, 14:30 after a 13:00 early close, in either UTC offset")
    func publicationTimes() throws {
        let calendar = NYSECalendar.nyse
        let winter = try #require(calendar.session(on: d("2024-03-08")))
        let summer = try #require(calendar.session(on: d("2024-07-12")))
        let dayAfterThanksgiving = try #require(calendar.session(on: d("2024-11-29")))
        #expect(availability.availableAt(winter) == newYork("2024-03-08T17:30"))
        #expect(availability.availableAt(summer) == newYork("2024-07-12T17:30"))
        #expect(availability.availableAt(dayAfterThanksgiving) == newYork("2024-11-29T14:30"))
        #expect(availability.availableTime(dayAfterThanksgiving).description == "14:30")
        #expect(!availability.isAvailable(winter, at: newYork("2024-03-08T17:29")))
        #expect(availability.isAvailable(winter, at: newYork("2024-03-08T17:30")))
    }

    @Test("the latest published session: the one before today until today's time, then today")
    func latestPublished() {
        #expect(availability.latestAvailableSession(at: newYork("2024-03-15T16:45")) == d("2024-03-14"))
        #expect(availability.latestAvailableSession(at: newYork("2024-03-15T17:31")) == d("2024-03-15"))
        // A Saturday: Friday's session; Monday morning too.
        #expect(availability.latestAvailableSession(at: newYork("2024-03-16T09:00")) == d("2024-03-15"))
        #expect(availability.latestAvailableSession(at: newYork("2024-03-18T09:00")) == d("2024-03-15"))
    }

    @Test("the nightly window is 00:00 to 01:45 New York of the next calendar day only")
    func rollover() {
        #expect(availability.isRollover(of: d("2024-03-14"), at: newYork("2024-03-15T00:00")))
        #expect(availability.isRollover(of: d("2024-03-14"), at: newYork("2024-03-15T01:44")))
        #expect(!availability.isRollover(of: d("2024-03-14"), at: newYork("2024-03-15T01:45")))
        #expect(!availability.isRollover(of: d("2024-03-14"), at: newYork("2024-03-14T23:59")))
        #expect(!availability.isRollover(of: d("2024-03-13"), at: newYork("2024-03-15T00:30")))
    }

    @Test("today before its time is pending at vendor, not a gap; after it, a gap; later sessions are neither")
    func pendingToday() {
        let config = GapConfiguration(order: .date, availability: availability)
        let analyzer = GapAnalyzer(configuration: config)
        let range = d("2024-03-13")...d("2024-03-19")
        let before = analyzer.analyze(range, records: [record("2024-03-13", .success)], today: d("2024-03-15"),
                                      now: newYork("2024-03-15T15:00"))
        #expect(before.gaps.map(\.date) == [d("2024-03-14")])
        #expect(before.pending == [d("2024-03-15")])
        #expect(before.sessions == 2 && before.complete == 1)
        let after = analyzer.analyze(range, records: [record("2024-03-13", .success)], today: d("2024-03-15"),
                                     now: newYork("2024-03-15T18:00"))
        #expect(after.gaps.map(\.date) == [d("2024-03-14"), d("2024-03-15")])
        #expect(after.pending.isEmpty)
        // Without an instant the analysis is as before: every session of the range is considered.
        let plain = analyzer.analyze(range, records: [], today: d("2024-03-15"))
        #expect(plain.gaps.count == 5 && plain.pending.isEmpty)
    }

    @Test("sessions before the history start are not considered, and counted")
    func historyStart() {
        let config = GapConfiguration(order: .date, historyStart: d("2016-01-01"))
        let report = GapAnalyzer(configuration: config).analyze(d("2015-12-28")...d("2016-01-06"), records: [], today: d("2024-03-15"))
        #expect(report.gaps.map(\.date) == [d("2016-01-04"), d("2016-01-05"), d("2016-01-06")])
        #expect(report.beforeHistoryStart == 4)
    }

    @Test("a failure the subscription caused and one the vendor had not published are their own categories")
    func errorTypeCategories() {
        let records = [
            ProcessingRecord(date: d("2024-03-11"), status: .failed, attempts: 1, errorType: "permission"),
            ProcessingRecord(date: d("2024-03-12"), status: .failed, attempts: 1, errorType: "pending_at_vendor"),
            ProcessingRecord(date: d("2024-03-13"), status: .failed, attempts: 1, errorType: "terminal_serverError"),
            ProcessingRecord(date: d("2024-03-14"), status: .success, attempts: 1, errorType: "archived_early"),
            ProcessingRecord(date: d("2024-03-15"), status: .success, attempts: 1),
        ]
        let report = GapAnalyzer(configuration: GapConfiguration(order: .date))
            .analyze(d("2024-03-11")...d("2024-03-15"), records: records, today: d("2024-03-15"))
        #expect(report.gaps.map(\.category) == [.permission, .pendingAtVendor, .failed, .archivedEarly])
        #expect(report.complete == 1)
        #expect(GapCategory.permission.label == "not in subscription")
        // Not in the subscription ranks last: asking again cannot help.
        let byPriority = GapAnalyzer().analyze(d("2024-03-11")...d("2024-03-15"), records: records, today: d("2024-03-15")).gaps
        #expect(byPriority.last?.category == .permission)
    }

    @Test("an archived day graded below quality.minGrade is a gap of its own; without a floor it is complete")
    func belowQuality() {
        let records = [
            ProcessingRecord(date: d("2024-03-13"), status: .success, attempts: 1),
            ProcessingRecord(date: d("2024-03-14"), status: .success, attempts: 1, grade: "C"),
            ProcessingRecord(date: d("2024-03-15"), status: .success, attempts: 1, grade: "B"),
        ]
        let range = d("2024-03-13")...d("2024-03-15")
        let floored = GapAnalyzer(configuration: GapConfiguration(order: .date, minGrade: "B"))
            .analyze(range, records: records, today: d("2024-03-18"))
        #expect(floored.gaps.map(\.date) == [d("2024-03-14")] && floored.gaps.first?.category == .belowQuality)
        #expect(GapAnalyzer().analyze(range, records: records, today: d("2024-03-18")).gaps.isEmpty)
    }
}
