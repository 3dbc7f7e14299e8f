import Foundation
import Testing
import TestSupport
import ThetaData
@testable import Pipeline

@Suite("Staging files out of archive order are sorted before conversion")
struct StagingSorterTests {
    func stage(_ lines: [String], dir: String) throws -> StagedFile {
        let header = "symbol,expiration,strike,right,timestamp,bid,ask,bid_size,ask_size"
        let body = Array(([header] + lines).joined(separator: "\r\n").utf8 + [13, 10])
        let staging = try StagingFile(path: dir + "/SPXW-2024-03-15.ndjson", dataset: .quotes, version: .v3)
        for batch in try StagingFileTests.decode(body, .quotes) { try staging.append(batch) }
        return try staging.finish()
    }

    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "spx-sort-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("rows in the Terminal's order are left alone")
    func inOrderUntouched() throws {
        let dir = try temporaryDirectory()
        var lines: [String] = []
        for strike in [5000, 5005] {
            for right in ["CALL", "PUT"] {
                for minute in 0..<3 { lines.append("SPXW,2024-03-15,\(strike).000,\(right),2024-03-15T09:3\(minute):00.000,1,2,3,4") }
            }
        }
        let staged = try stage(lines, dir: dir)
        #expect(staged.inOrder)
        let before = try Data(contentsOf: URL(fileURLWithPath: staged.path))
        #expect(try StagingSorter.sort(staged) == staged)
        #expect(try Data(contentsOf: URL(fileURLWithPath: staged.path)) == before)
    }

    @Test("shuffled rows come out in expiration, strike, right, time order with the same lines and a fresh hash")
    func shuffledSorted() throws {
        let dir = try temporaryDirectory()
        var random = SeededRandom(seed: 4)
        var lines: [String] = []
        for strike in [5000, 4995, 5010] {
            for right in ["PUT", "CALL"] {
                for minute in 0..<5 {
                    lines.append("SPXW,2024-03-15,\(strike).000,\(right),2024-03-15T09:3\(minute):00.000,\(minute),2,3,4")
                }
            }
        }
        lines.shuffle(using: &random)
        let staged = try stage(lines, dir: dir)
        #expect(!staged.inOrder)
        let before = try String(contentsOfFile: staged.path, encoding: .utf8).split(separator: "\n")
        let sorted = try StagingSorter.sort(staged)
        let after = try String(contentsOfFile: sorted.path, encoding: .utf8).split(separator: "\n")
        #expect(sorted.inOrder && sorted.rows == 30 && Set(after) == Set(before) && after.count == before.count)
        let keys = after.map { StagingSorter.key(Array($0.utf8)[...])!.order }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { !($1 < $0) })
        #expect(keys.first?.strike == 4_995_000 && keys.first?.right == UInt8(ascii: "C"))
        #expect(try FileDigest.sha256(of: sorted.path) == sorted.sha256)
        #expect(sorted.bytes == staged.bytes)
    }
}
