import Testing
@testable import Quality

@Suite("Quality scoring: rates to scores, dimensions, blockers, grades")
struct QualityScorerTests {
    @Test("every check appears, evaluated or not; not evaluated is no score, never a pass")
    func everyCheckAppears() {
        let results = QualityScorer.results([.v2: CheckTally(evaluated: 1000, failed: 5)])
        #expect(results.map(\.id) == QualityCheck.ID.allCases)
        let v2 = results.first { $0.id == .v2 }!
        #expect(v2.rate == 0.005 && v2.score == 0.5)
        #expect(results.filter { $0.id != .v2 }.allSatisfy { $0.score == nil && !$0.isEvaluated })
    }

    @Test("a check scores 1 − rate/tolerance clamped; warnings weigh half in their dimension")
    func dimensions() {
        let results = QualityScorer.results([
            .v2: CheckTally(evaluated: 100, failed: 0),  // error, score 1
            .v3: CheckTally(evaluated: 100, failed: 5),  // warning, tolerance 0.1: score 0.5
            .v5: CheckTally(evaluated: 100, failed: 50),  // error: clamped to 0
        ])
        let validity = QualityScorer.dimensions(results)[.validity]!!
        #expect(abs(validity - 100 * (1 + 0.5 * 0.5 + 0) / 2.5) < 1e-9)
        // Only validity was evaluated: the day is its score.
        #expect(abs(QualityScorer.score(results) - validity) < 1e-9)
    }

    @Test("a failed blocker makes the day 0 whatever else; a clean day is 100 and grade A")
    func blockers() {
        var tallies: [QualityCheck.ID: CheckTally] = [.c1: CheckTally(evaluated: 100, failed: 0)]
        #expect(QualityScorer.score(QualityScorer.results(tallies)) == 100)
        tallies[.s3] = CheckTally(evaluated: 100, failed: 1)
        #expect(QualityScorer.score(QualityScorer.results(tallies)) == 0)
        #expect(Grade(score: 95) == .a && Grade(score: 94.99) == .b && Grade(score: 85) == .b && Grade(score: 70) == .c
                && Grade(score: 50) == .d && Grade(score: 49.9) == .f)
    }

    @Test("the thresholds' hash follows every threshold and tolerance")
    func thresholdsHash() {
        var t = QualityThresholds()
        let base = t.hash
        #expect(base.count == 64 && base == QualityThresholds().hash)
        t.spikeDeviations = 11
        #expect(t.hash != base)
    }
}
