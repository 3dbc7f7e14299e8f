import Foundation
import StateStore
import Testing

@Suite("Ledger under concurrent access")
struct ConcurrencyTests {
    @Test("a reader sees whole transactions while another connection commits")
    func snapshots() async throws {
        // Given two connections to one file, a writer that adds a record and its error per transaction
        let path = try temporaryDirectory() + "/ledger.db"
        let writer = try StateStore(path: path)
        let reader = try StateStore(path: path)
        let transactions = 200
        // When one task writes while another reads
        let observed = try await withThrowingTaskGroup(of: [Int].self) { group in
            group.addTask {
                for i in 0..<transactions {
                    let date = String(format: "2020-%02d-%02d", i / 28 + 1, i % 28 + 1)
                    try writer.recordFailure(
                        ProcessingRecord(symbol: "SPX", dataset: "greeks", date: date, status: .failed),
                        error: ErrorRecord(symbol: "SPX", dataset: "greeks", date: date, errorType: "timeout",
                                           errorMessage: "request \(i) timed out"))
                }
                return []
            }
            group.addTask {
                var mismatches: [Int] = []
                var reads = 0
                while reads < 2000 {
                    let counts = try reader.snapshotCounts()
                    if counts.processing != counts.errors { mismatches.append(counts.processing - counts.errors) }
                    reads += 1
                    if counts.processing == transactions { break }
                }
                return mismatches
            }
            var all: [Int] = []
            for try await part in group { all += part }
            return all
        }
        // Then no read saw a record without its error
        #expect(observed.isEmpty)
        #expect(try reader.snapshotCounts().processing == transactions)
    }
}
