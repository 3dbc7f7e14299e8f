import Foundation
import StateStore
import Testing

@Suite("Quality results in the ledger: kept whole, replaced on recompute, read for the next day's checks")
struct QualityLedgerTests {
    func store() throws -> StateStore { try StateStore(path: try temporaryDirectory() + "/ledger.db") }

    func result(_ date: String, score: Double, grade: String, content: String = "c", quiet: Double? = 0.1,
                close: Double? = 5100) -> QualityRecord {
        QualityRecord(symbol: "SPX", dataset: "greeks", date: date, sha256: "f-\(date)", contentSha256: content, suiteVersion: "1",
                      thresholdsHash: "h", rows: 1000, score: score, grade: grade, dimensions: "{}", funnel: "[]",
                      recommendations: "[]", trendFlags: "[]", quietShare: quiet, underlyingClose: close)
    }

    func check(_ date: String, _ id: String, failed: Int64) -> QualityCheckRecord {
        QualityCheckRecord(symbol: "SPX", dataset: "greeks", date: date, checkId: id, severity: "error", evaluated: 1000,
                           failed: failed, score: 1 - Double(failed) / 10, examples: "[]")
    }

    @Test("a day's result and its checks are saved together, and a recompute replaces both")
    func saveAndReplace() throws {
        let store = try store()
        try store.save([ProcessingRecord(symbol: "SPX", dataset: "greeks", date: "2024-03-15", status: .success, recordCount: 1000)])
        try store.save(quality: result("2024-03-15", score: 80, grade: "C"), checks: [check("2024-03-15", "V2", failed: 2),
                                                                                    check("2024-03-15", "C1", failed: 0)])
        try store.save(quality: result("2024-03-15", score: 97, grade: "A"), checks: [check("2024-03-15", "V2", failed: 0)])
        let stored = try #require(try store.quality(symbol: "SPX", dataset: "greeks", date: "2024-03-15"))
        #expect(stored.result.grade == "A" && stored.checks.map(\.checkId) == ["V2"] && stored.checks[0].failed == 0)
        #expect(try store.gradeCounts() == ["A": 1])
        #expect(try store.performance(date: "2024-03-15").first?.grade == "A")
        // A result is of an archived day: without its processing record it cannot be stored.
        #expect(throws: StateStoreError.self) { try store.save(quality: result("2024-03-14", score: 1, grade: "F"), checks: []) }
    }

    @Test("the facts of a day: its planning and the earlier days' rows, scores, quiet shares and close")
    func facts() throws {
        let store = try store()
        var records: [ProcessingRecord] = []
        for (n, date) in ["2024-03-11", "2024-03-12", "2024-03-13", "2024-03-14"].enumerated() {
            records.append(ProcessingRecord(symbol: "SPX", dataset: "greeks", date: date, status: .success,
                                            recordCount: Int64(1000 + n)))
        }
        records.append(ProcessingRecord(symbol: "SPX", dataset: "greeks", date: "2024-03-15", status: .processing))
        try store.save(records)
        try store.save(quality: result("2024-03-13", score: 90, grade: "B", content: "same", close: 5050), checks: [])
        try store.save(quality: result("2024-03-14", score: 95, grade: "A", content: "other", quiet: 0.2, close: 5075), checks: [])
        try store.save([
            ExpirationProgress(symbol: "SPX", dataset: "greeks", date: "2024-03-15", root: "SPXW", expiration: "2024-03-15",
                               status: .staged, contractsListed: 40),
            ExpirationProgress(symbol: "SPX", dataset: "greeks", date: "2024-03-15", root: "SPXW", expiration: "2024-03-18",
                               status: .empty, contractsListed: 60),
            ExpirationProgress(symbol: "SPX", dataset: "greeks", date: "2024-03-15", root: "SPX", expiration: "2024-03-15",
                               status: .pending, contractsListed: 20),
        ])
        let facts = try store.qualityFacts(symbol: "SPX", dataset: "greeks", date: "2024-03-15", history: 3)
        #expect(facts.listedContracts == 120 && facts.expirationsPlanned == 3 && facts.expirationsAccounted == 2)
        #expect(facts.previousRowCounts == [1001, 1002, 1003])
        #expect(facts.previousScores == [90, 95] && facts.previousQuietShares == [0.1, 0.2])
        #expect(facts.previousClose == 5075)
        #expect(try store.dates(withContent: "same", symbol: "SPX", dataset: "greeks", except: "2024-03-15") == ["2024-03-13"])
        #expect(try store.dates(withContent: "same", symbol: "SPX", dataset: "greeks", except: "2024-03-13").isEmpty)
        // A day planned by an older build, without listings, gives no contract count rather than a wrong one.
        try store.save([ExpirationProgress(symbol: "SPX", dataset: "greeks", date: "2024-03-15", root: "SPX",
                                           expiration: "2024-04-19", status: .staged)])
        #expect(try store.qualityFacts(symbol: "SPX", dataset: "greeks", date: "2024-03-15", history: 3).listedContracts == nil)
    }
}
