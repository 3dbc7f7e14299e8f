import Testing
import TestSupport
@testable import ThetaData

@Suite("Decoding: every format round-trips rows cut at any byte")
struct DecodingPropertyTests {
    static let cases: [(Dataset, BodyFormat)] = Dataset.all.flatMap { d in
        BodyFormat.allCases.map { (d, $0) }
    }

    @Test(arguments: cases)
    func roundTrip(dataset: Dataset, format: BodyFormat) throws {
        for seed in 1...12 as ClosedRange<UInt64> {
            // Given rows written as the Terminal writes them, cut into random chunks
            var random = SeededRandom(seed: seed)
            var writer = TerminalBodyWriter(dataset: dataset, version: format.apiVersion, random: SeededRandom(seed: seed &* 31))
            let expected = writer.rows(count: Int.random(in: 1...120, using: &random))
            let body = writer.body(expected, format: format)
            let chunks = randomChunks(body, maxChunk: seed % 3 == 0 ? 3 : 700, using: &random)
            // When decoded
            let (rows, report) = try decode(chunks, dataset: dataset, format: format)
            // Then the same values come back: strikes, doubles and date-times exact
            #expect(report.malformedRows == 0, "\(report.problems)")
            #expect(report.warnings.isEmpty)
            #expect(rows.count == expected.count)
            for (got, want) in zip(rows, expected) where got != want {
                Issue.record("seed \(seed): \(got) != \(want)")
                break
            }
        }
    }

    @Test(arguments: BodyFormat.allCases)
    func unknownColumnsWarnOnce(format: BodyFormat) throws {
        var writer = TerminalBodyWriter(dataset: .greeks, version: format.apiVersion, unknownColumn: "mystery",
                                        random: SeededRandom(seed: 5))
        let expected = writer.rows(count: 40)
        let body = writer.body(expected, format: format)
        var random = SeededRandom(seed: 9)
        let (rows, report) = try decode(randomChunks(body, maxChunk: 50, using: &random), dataset: .greeks, format: format)
        #expect(rows == expected)
        #expect(report.warnings.count == 1)
        #expect(report.warnings.first?.contains("mystery") == true)
    }
}
