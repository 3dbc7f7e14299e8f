import Foundation
import StateStore
import Testing
import TestSupport

@Suite("Claiming a date: one live process at a time, stale rows recovered")
struct ClaimTests {
    let symbol = "SPX", dataset = "greeks", date = "2024-03-15"

    func claim(_ store: StateStore, pid: Int32, alive: Bool) throws -> Claim {
        try store.claim(symbol: symbol, dataset: dataset, date: date, processId: pid, isRunning: { _, _ in alive })
    }

    @Test("a second live process is refused and the row stays the first one's")
    func busy() throws {
        let store = try StateStore(path: try temporaryDirectory() + "/ledger.db")
        guard case .claimed(let first, nil) = try claim(store, pid: 1001, alive: true) else {
            Issue.record("the first claim should win"); return
        }
        #expect(first.status == .processing && first.processId == 1001 && first.retryCount == 0)
        guard case .busy(let holder) = try claim(store, pid: 1002, alive: true) else {
            Issue.record("a second live process must be refused"); return
        }
        #expect(holder.processId == 1001)
        #expect(try store.processingRecords().first?.processId == 1001)
        #expect(try store.errors().isEmpty)
    }

    @Test("a row whose process is gone is taken over, logged as interrupted and counted as an attempt")
    func recoversStale() throws {
        let store = try StateStore(path: try temporaryDirectory() + "/ledger.db")
        _ = try claim(store, pid: 1001, alive: true)
        #expect(try store.staleProcessing(isRunning: { _, _ in false }).map(\.date) == [date])
        #expect(try store.staleProcessing(isRunning: { _, _ in true }).isEmpty)
        guard case .claimed(let record, let recovered) = try claim(store, pid: 1002, alive: false) else {
            Issue.record("a dead holder must not block the date"); return
        }
        #expect(recovered == 1001)
        #expect(record.processId == 1002 && record.retryCount == 1)
        let errors = try store.errors()
        #expect(errors.count == 1)
        #expect(errors.first?.errorType == "interrupted" && errors.first?.errorMessage.contains("process 1001") == true)
    }

    @Test("the same process may claim again; a failed date counts a new attempt; success resolves the errors")
    func sameProcessAndResolution() throws {
        let store = try StateStore(path: try temporaryDirectory() + "/ledger.db")
        guard case .claimed(var record, _) = try claim(store, pid: 1001, alive: true) else { Issue.record("claim"); return }
        record.status = .failed
        try store.recordFailure(record, error: ErrorRecord(symbol: symbol, dataset: dataset, date: date,
                                                           errorType: "terminal_timeout", errorMessage: "timed out"))
        guard case .claimed(let again, nil) = try claim(store, pid: 1001, alive: true) else { Issue.record("reclaim"); return }
        #expect(again.retryCount == 1)
        #expect(try store.resolveErrors(symbol: symbol, dataset: dataset, date: date, method: "succeeded on attempt 2") == 1)
        let error = try #require(try store.errors().first)
        #expect(error.resolvedAt != nil && error.resolutionMethod == "succeeded on attempt 2")
        #expect(try store.resolveErrors(symbol: symbol, dataset: dataset, date: date, method: "again") == 0)
    }

    @Test("two stores racing for one date: exactly one wins")
    func race() async throws {
        let path = try temporaryDirectory() + "/ledger.db"
        let stores = [try StateStore(path: path), try StateStore(path: path)]
        let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
            for (i, store) in stores.enumerated() {
                group.addTask {
                    let claim = try store.claim(symbol: "SPX", dataset: "greeks", date: "2024-03-15",
                                                processId: Int32(2000 + i), isRunning: { _, _ in true })
                    if case .claimed = claim { return true }
                    return false
                }
            }
            var wins = 0
            for try await won in group where won { wins += 1 }
            return wins
        }
        #expect(wins == 1)
    }

    @Test("liveness: this process runs; not if the row began before it; a reaped child does not")
    func liveness() throws {
        let me = getpid()
        #expect(ProcessLiveness.isRunning(me, since: Date()))
        #expect(ProcessLiveness.isRunning(me, since: nil))
        // A row written before this process started belongs to an earlier holder of the pid.
        #expect(!ProcessLiveness.isRunning(me, since: Date(timeIntervalSince1970: 0)))
        #expect(!ProcessLiveness.isRunning(try deadProcessId(), since: nil))
        #expect(!ProcessLiveness.isRunning(0) && !ProcessLiveness.isRunning(-5))
    }
}
