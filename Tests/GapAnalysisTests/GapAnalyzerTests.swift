import Foundation
import GapAnalysis
import MarketCalendar
import Testing

func d(_ text: String) -> CivilDate { CivilDate(text)! }

func record(_ date: String, _ status: ProcessingStatus, attempts: Int = 1, error: String? = nil,
            progress: (Int, Int)? = nil) -> ProcessingRecord {
    ProcessingRecord(date: d(date), status: status, attempts: attempts, lastError: error,
                     progress: progress.map { ExpirationProgress(done: $0.0, total: $0.1) })
}

@Suite("Gap analysis")
struct GapAnalyzerTests {
    let today = d("2024-03-15")

    @Test("weekends and holidays are never gaps; success is complete")
    func excludesNonSessions() {
        // Given a ledger with one success, around New Year 2024
        let records = [record("2024-01-02", .success)]
        // When the week from 2023-12-29 is analysed
        let report = GapAnalyzer().analyze(d("2023-12-29")...d("2024-01-03"), records: records, today: today)
        // Then only the missing sessions are gaps: not the weekend, not New Year's Day
        #expect(report.gaps.map(\.date).sorted() == [d("2023-12-29"), d("2024-01-03")])
        #expect(report.sessions == 3 && report.complete == 1)
        #expect(report.gaps.allSatisfy { $0.category == .neverAttempted })
    }

    @Test("records on non-sessions are ignored whatever their status")
    func recordsOnNonSessions() {
        let records = [record("2024-01-01", .failed, attempts: 3), record("2024-01-06", .processing, progress: (1, 9)),
                       record("2024-01-02", .success), record("2023-06-01", .failed)]
        let report = GapAnalyzer().analyze(d("2024-01-01")...d("2024-01-07"), records: records, today: today)
        #expect(!report.gaps.contains { $0.date == d("2024-01-01") || $0.date == d("2024-01-06") })
        #expect(report.ignoredRecords == 3)
        #expect(report.gaps.count == 3)
    }

    @Test("each ledger state gets its category")
    func categories() {
        let records = [
            record("2024-03-04", .success),
            record("2024-03-05", .failed, attempts: 2, error: "HTTP 500"),
            record("2024-03-06", .processing, attempts: 1, progress: (5, 12)),
            record("2024-03-07", .noData),
            record("2024-03-08", .pending, attempts: 0),
            record("2024-03-11", .queued, attempts: 1),
            record("2024-03-12", .skipped, attempts: 0),
            record("2024-03-13", .failed, attempts: 1, progress: (3, 10)),
            record("2024-03-14", .processing, attempts: 1, progress: (0, 10)),
            record("2024-03-15", .success, progress: (10, 10)),
        ]
        let config = GapConfiguration(order: .date)
        let report = GapAnalyzer(configuration: config).analyze(d("2024-03-04")...d("2024-03-18"), records: records, today: today)
        let categories = Dictionary(uniqueKeysWithValues: report.gaps.map { ($0.date.description, $0.category) })
        #expect(categories == [
            "2024-03-05": .failed, "2024-03-06": .partial, "2024-03-07": .noData, "2024-03-08": .neverAttempted,
            "2024-03-11": .failed, "2024-03-12": .neverAttempted, "2024-03-13": .partial, "2024-03-14": .failed,
            "2024-03-18": .neverAttempted,
        ])
        #expect(report.gaps.first { $0.date == d("2024-03-05") }?.lastError == "HTTP 500")
        #expect(report.count(.partial) == 2 && report.count(.noData) == 1)
        #expect(report.complete == 2 && report.sessions == 11)
        #expect(GapCategory.partial.label == "partially processed")
        #expect(GapCategory.noData.label == "vendor had no data")
    }

    @Test("no-data sessions can be left out")
    func withoutNoData() {
        let records = [record("2024-03-07", .noData)]
        let report = GapAnalyzer(configuration: GapConfiguration(includesNoData: false))
            .analyze(d("2024-03-07")...d("2024-03-08"), records: records, today: today)
        #expect(report.gaps.map(\.date) == [d("2024-03-08")])
    }

    @Test("a success stands against other records for the same date; otherwise the last one does")
    func duplicates() {
        let records = [record("2024-03-05", .success), record("2024-03-05", .failed),
                       record("2024-03-06", .failed), record("2024-03-06", .noData)]
        let report = GapAnalyzer().analyze(d("2024-03-05")...d("2024-03-06"), records: records, today: today)
        #expect(report.gaps.map(\.date) == [d("2024-03-06")])
        #expect(report.gaps.first?.category == .noData)
    }

    @Test("orders by priority, by date or by date descending")
    func ordering() {
        let range = d("2020-01-01")...d("2024-03-15")
        let records = [record("2020-03-16", .failed), record("2024-03-14", .success)]
        let byPriority = GapAnalyzer().analyze(range, records: records, today: today).gaps
        #expect(zip(byPriority, byPriority.dropFirst()).allSatisfy {
            $0.priority > $1.priority || ($0.priority == $1.priority && $0.date < $1.date)
        })
        let byDate = GapAnalyzer(configuration: GapConfiguration(order: .date)).analyze(range, records: records, today: today).gaps
        #expect(byDate.map(\.date) == byDate.map(\.date).sorted())
        let descending = GapAnalyzer(configuration: GapConfiguration(order: .dateDescending))
            .analyze(range, records: records, today: today).gaps
        #expect(descending.map(\.date) == byDate.map(\.date).reversed())
        #expect(Set(byPriority) == Set(byDate))
    }

    @Test("priority rises with recency, volatility and an easy history")
    func priorities() {
        let weights = PriorityWeights()
        let recent = weights.priority(date: d("2024-03-14"), today: today, category: .neverAttempted, attempts: 0, volatility: 0)
        let old = weights.priority(date: d("2014-03-14"), today: today, category: .neverAttempted, attempts: 0, volatility: 0)
        let volatile = weights.priority(date: d("2014-03-14"), today: today, category: .neverAttempted, attempts: 0, volatility: 1)
        #expect(recent > old && volatile > old)
        let history = PriorityWeights(recency: 0, history: 1, volatility: 0)
        let scores = [(GapCategory.partial, 1), (.neverAttempted, 0), (.failed, 1), (.failed, 2), (.failed, 5), (.noData, 1)]
            .map { history.priority(date: today, today: today, category: $0.0, attempts: $0.1, volatility: 0) }
        #expect(scores == scores.sorted(by: >))
        #expect(scores[0] == 100 && abs(scores[1] - 80) < 1e-9 && abs(scores[2] - 60) < 1e-9 && abs(scores[3] - 45) < 1e-9)
        // A one-year half-life halves the recency score after 365 days.
        let recency = PriorityWeights(recency: 1, history: 0, volatility: 0, recencyHalfLifeDays: 365)
        let halfAYearOld = recency.priority(date: today.advanced(by: -365), today: today, category: .failed, attempts: 1, volatility: 0)
        #expect(abs(halfAYearOld - 50) < 1e-9)
        #expect(PriorityWeights(recency: 0, history: 0, volatility: 0)
            .priority(date: today, today: today, category: .partial, attempts: 0, volatility: 1) == 0)
    }

    @Test("the recency curve matches pow(0.5, x)")
    func halving() {
        let recency = PriorityWeights(recency: 1, history: 0, volatility: 0, recencyHalfLifeDays: 100)
        for age in stride(from: 0, through: 5000, by: 37) {
            let score = recency.priority(date: today.advanced(by: -age), today: today, category: .failed, attempts: 1,
                                         volatility: 0) / 100
            #expect(abs(score - pow(0.5, Double(age) / 100)) < 1e-12, "age \(age)")
        }
    }

    @Test("well-known volatility periods lift the crash days; callers can pass their own")
    func volatility() {
        let range = d("2020-02-18")...d("2020-02-21")
        let report = GapAnalyzer().analyze(range, records: [], today: today)
        let covid = report.gaps.filter { $0.volatilityPeriod == "2020 COVID-19 crash" }.map(\.date).sorted()
        #expect(covid == [d("2020-02-20"), d("2020-02-21")])
        #expect(report.gaps.first?.date == d("2020-02-21"))
        let flashCrash = GapAnalyzer().analyze(d("2010-05-05")...d("2010-05-07"), records: [], today: today)
        #expect(flashCrash.gaps.first?.date == d("2010-05-06"))
        #expect(flashCrash.gaps.first?.volatilityPeriod == "2010 flash crash")

        let own = GapConfiguration(volatilityPeriods: [VolatilityPeriod(name: "mine", dates: d("2020-02-18")...d("2020-02-18"))])
        let custom = GapAnalyzer(configuration: own).analyze(range, records: [], today: today)
        #expect(custom.gaps.first?.date == d("2020-02-18") && custom.gaps.first?.volatilityPeriod == "mine")
        #expect(custom.gaps.dropFirst().allSatisfy { $0.volatilityPeriod == nil })
        for named in ["1987-10-19", "2008-10-10", "2009-03-09", "2010-05-06", "2020-03-16", "2022-06-13"] {
            #expect(VolatilityPeriod.wellKnown.contains { $0.dates.contains(d(named)) }, "\(named)")
        }
    }

    @Test("work estimate from a per-day size model; partial days count what is left")
    func estimate() throws {
        let model = DaySizeModel(expirationsPerDay: 40, expirationsByYear: [2023: 30], requestsPerExpiration: 2,
                                 rowsPerExpiration: 1000, bytesPerRow: 12.5, secondsPerRequest: 2, concurrency: 4)
        let records = [record("2024-03-05", .failed, progress: (10, 50)), record("2024-03-06", .success)]
        let config = GapConfiguration(order: .date, sizeModel: model)
        let report = GapAnalyzer(configuration: config).analyze(d("2023-12-29")...d("2024-03-06"), records: records, today: today)
        let first = try #require(report.gaps.first)
        #expect(first.date == d("2023-12-29"))
        #expect(first.estimate == WorkEstimate(sessions: 1, requests: 60, rows: 30_000, bytes: 375_000, seconds: 30))
        let partial = try #require(report.gaps.first { $0.date == d("2024-03-05") })
        #expect(partial.category == .partial)
        #expect(partial.estimate == WorkEstimate(sessions: 1, requests: 80, rows: 40_000, bytes: 500_000, seconds: 40))
        let total = try #require(report.estimate)
        let sessions2024 = report.gaps.count - 1
        #expect(total.sessions == report.gaps.count)
        #expect(total.requests == 60 + 80 + (sessions2024 - 1) * 80)
        #expect(total.rows == 30_000 + 40_000 + (sessions2024 - 1) * 40_000)
        #expect(total.bytes == Int(Double(total.rows) * 12.5))
        #expect(total.seconds == Double(total.requests) * 2 / 4)
        #expect(GapAnalyzer().analyze(d("2024-03-05")...d("2024-03-06"), records: [], today: today).estimate == nil)
    }

    @Test("ledger spellings of statuses")
    func statuses() {
        #expect(ProcessingStatus(ledgerValue: "no-data") == .noData)
        #expect(ProcessingStatus(ledgerValue: "no_data") == .noData)
        #expect(ProcessingStatus(ledgerValue: "SUCCESS") == .success)
        #expect(ProcessingStatus(ledgerValue: "done") == nil)
    }

    @Test("a range without sessions, and one outside the calendar, have no gaps")
    func empty() {
        let weekend = GapAnalyzer().analyze(d("2024-03-16")...d("2024-03-17"), records: [record("2024-03-16", .failed)], today: today)
        #expect(weekend.gaps.isEmpty && weekend.sessions == 0 && weekend.completeness == 1 && weekend.ignoredRecords == 1)
        let before = GapAnalyzer().analyze(d("1960-01-01")...d("1960-12-31"), records: [], today: today)
        #expect(before.gaps.isEmpty && before.sessions == 0)
    }
}
