import StateStore
import Testing

@Suite("Ledger queries")
struct QueryTests {
    func seeded() throws -> StateStore {
        let store = try StateStore(path: try temporaryDirectory() + "/ledger.db")
        try store.save([
            ProcessingRecord(symbol: "SPX", dataset: "greeks", date: "2024-03-11", status: .success, completedAt: "2024-03-12T01:00:00Z",
                             recordCount: 9_000_000, expirationCount: 60, processingDurationMs: 600_000, apiRequestsMade: 61,
                             memoryPeakMb: 140, updatedAt: "2024-03-12T01:00:00Z"),
            ProcessingRecord(symbol: "SPX", dataset: "greeks", date: "2024-03-12", status: .failed, errorType: "connection_refused",
                             updatedAt: "2024-03-13T01:00:00Z"),
            ProcessingRecord(symbol: "SPX", dataset: "greeks", date: "2024-03-13", status: .processing, processId: 4242,
                             updatedAt: "2024-03-14T01:00:00Z"),
            ProcessingRecord(symbol: "SPY", dataset: "greeks", date: "2024-03-12", status: .queued, updatedAt: "2024-03-12T02:00:00Z"),
        ])
        try store.save([
            ExpirationProgress(symbol: "SPX", dataset: "greeks", date: "2024-03-13", root: "SPXW", expiration: "2024-03-13", status: .staged, rowCount: 5),
            ExpirationProgress(symbol: "SPX", dataset: "greeks", date: "2024-03-13", root: "SPXW", expiration: "2024-03-14", status: .pending),
        ])
        try store.record(errors: [
            ErrorRecord(symbol: "SPX", dataset: "greeks", date: "2024-03-12", errorType: "connection_refused", errorMessage: "a",
                        occurredAt: "2024-03-12T10:00:00Z"),
            ErrorRecord(symbol: "SPX", dataset: "greeks", date: "2024-03-12", errorType: "connection_refused", errorMessage: "b",
                        occurredAt: "2024-03-12T11:00:00Z", resolvedAt: "2024-03-12T12:00:00Z", resolutionMethod: "retry"),
            ErrorRecord(symbol: "SPX", dataset: "greeks", date: "2024-03-11", errorType: "rate_limited", errorMessage: "c",
                        occurredAt: "2024-03-11T10:00:00Z"),
        ])
        try store.record(metrics: [MetricRecord(symbol: "SPX", dataset: "greeks", date: "2024-03-11", metricName: "convert_ms", metricValue: 1500)])
        return store
    }

    @Test("list filters by status, symbol, range and limit, newest date first")
    func list() throws {
        let store = try seeded()
        #expect(try store.processingRecords().map(\.date) == ["2024-03-13", "2024-03-12", "2024-03-12", "2024-03-11"])
        #expect(try store.processingRecords(ProcessingFilter(statuses: [.failed])).map(\.date) == ["2024-03-12"])
        #expect(try store.processingRecords(ProcessingFilter(symbol: "SPY")).count == 1)
        #expect(try store.processingRecords(ProcessingFilter(from: "2024-03-12", through: "2024-03-12")).count == 2)
        #expect(try store.processingRecords(ProcessingFilter(limit: 1)).map(\.date) == ["2024-03-13"])
        #expect(try store.ledgerDays(symbol: "SPX", dataset: "greeks").map { [$0.date, $0.status.rawValue] }
                == [["2024-03-11", "success"], ["2024-03-12", "failed"], ["2024-03-13", "processing"]])
    }

    @Test("the gap engine's input counts each date's staged expirations, and successes give the averages")
    func gapInput() throws {
        let store = try seeded()
        let days = try store.ledgerDays(symbol: "SPX", dataset: "greeks")
        let running = try #require(days.first { $0.date == "2024-03-13" })
        #expect(running.expirationsDone == 1 && running.expirationsTotal == 2)
        #expect(days.first { $0.date == "2024-03-11" }?.expirationsTotal == 0)
        #expect(try store.ledgerDays(symbol: "SPY", dataset: "greeks").map(\.status) == [.queued])
        let averages = try #require(try store.successAverages(symbol: "SPX", dataset: "greeks"))
        #expect(averages.days == 1 && averages.rows == 9_000_000 && averages.expirations == 60 && averages.requests == 61)
        #expect(try store.successAverages(symbol: "SPY", dataset: "greeks") == nil)
    }

    @Test("summary, active processing and health")
    func status() throws {
        let store = try seeded()
        let summary = try store.processingSummary()
        #expect(summary.counts == [.queued: 1, .processing: 1, .success: 1, .failed: 1])
        #expect(summary.lastActivity == "2024-03-14T01:00:00Z")
        let active = try store.activeProcessing()
        #expect(active.count == 1 && active[0].staged == 1 && active[0].expirations.count == 2)
        let health = try store.checkHealth(thorough: true)
        #expect(health.isSound && health.schemaVersion == StateStore.latestSchemaVersion && health.sizeBytes > 0)
    }

    @Test("error patterns count, date and resolution by type")
    func errorPatterns() throws {
        let store = try seeded()
        let patterns = try store.errorPatterns()
        #expect(patterns.map(\.errorType) == ["connection_refused", "rate_limited"])
        #expect(patterns[0].count == 2 && patterns[0].unresolved == 1 && patterns[0].dates == 1)
        #expect(patterns[0].firstSeen == "2024-03-12T10:00:00Z" && patterns[0].lastSeen == "2024-03-12T11:00:00Z")
        #expect(try store.errors(ErrorFilter(since: "2024-03-12")).count == 2)
        #expect(try store.errors(ErrorFilter(errorType: "rate_limited")).map(\.errorMessage) == ["c"])
        #expect(try store.errors(ErrorFilter(date: "2024-03-12", limit: 1)).map(\.errorMessage) == ["b"])
    }

    @Test("an error for a date without a processing record is refused (foreign key)")
    func foreignKeys() throws {
        let store = try seeded()
        #expect(throws: StateStoreError.self) {
            try store.record(errors: [ErrorRecord(symbol: "SPX", dataset: "greeks", date: "1999-01-04", errorType: "x", errorMessage: "y")])
        }
    }

    @Test("performance derives rows per second and carries the metrics")
    func performance() throws {
        let store = try seeded()
        let runs = try store.performance()
        #expect(runs.count == 1)
        #expect(runs[0].rowsPerSecond == 15_000)
        #expect(runs[0].metrics == ["convert_ms": 1500])
        #expect(try store.performance(last: 0).isEmpty)
    }
}
