import GapAnalysis
import MarketCalendar
import Testing
import TestSupport

@Suite("Gap analysis over random ledgers")
struct GapPropertyTests {
    @Test("every missing session is found, nothing else is, and the counts add up", arguments: 1...40)
    func randomLedger(seed: Int) {
        var rng = SeededRandom(seed: UInt64(seed))
        let calendar = NYSECalendar.nyse
        let start = CivilDate(daysSince1970: Int.random(in: 0...(CivilDate("2030-01-01")!.daysSince1970), using: &rng))
        let range = start...start.advanced(by: Int.random(in: 0...1500, using: &rng))
        // A ledger over a wider span than the range, on any day (weekends and holidays too).
        var records: [ProcessingRecord] = []
        for date in range.lowerBound.advanced(by: -30)...range.upperBound.advanced(by: 30) where Bool.random(using: &rng) {
            let status = ProcessingStatus.allCases.randomElement(using: &rng)!
            let total = Int.random(in: 0...20, using: &rng)
            records.append(ProcessingRecord(
                date: date, status: status, attempts: Int.random(in: 0...4, using: &rng),
                progress: Bool.random(using: &rng) ? ExpirationProgress(done: Int.random(in: 0...total, using: &rng), total: total) : nil))
        }
        let today = range.upperBound.advanced(by: Int.random(in: 0...400, using: &rng))
        let report = GapAnalyzer().analyze(range, records: records.shuffled(using: &rng), today: today)

        let successes = Set(records.filter { $0.status == .success }.map(\.date))
        let expected = Set(calendar.tradingDays(in: range).filter { !successes.contains($0) })
        #expect(Set(report.gaps.map(\.date)) == expected)
        #expect(report.gaps.count == expected.count)
        #expect(report.gaps.allSatisfy { calendar.isSession($0.date) && range.contains($0.date) })
        #expect(report.sessions == calendar.sessionCount(in: range))
        #expect(report.complete + report.gaps.count == report.sessions)
        #expect(GapCategory.allCases.map(report.count).reduce(0, +) == report.gaps.count)
        #expect(report.gaps.allSatisfy { (0...100).contains($0.priority) })
        let byRecord = Dictionary(records.map { ($0.date, $0) }, uniquingKeysWith: { $1 })
        for gap in report.gaps {
            #expect(gap.category == GapCategory(record: byRecord[gap.date]))
        }
    }
}
