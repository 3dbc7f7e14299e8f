import Foundation
import GRDB
import StateStore
import Testing

@Suite("Ledger schema migrations")
struct MigrationTests {
    @Test("an empty file migrates to the latest schema with every table")
    func fromEmpty() throws {
        let path = try temporaryDirectory() + "/ledger.db"
        let store = try StateStore(path: path)
        #expect(try store.schemaVersion() == StateStore.latestSchemaVersion)
        let tables = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
        }
        #expect(tables == ["configuration", "configuration_history", "error_log", "expiration_progress",
                           "performance_metrics", "processing_log", "quality_checks", "quality_results"])
    }

    @Test("a v1 database keeps its processing, errors, metrics and configuration through v2")
    func fromV1() throws {
        // Given a database at schema v1 with one row in every table
        let path = try temporaryDirectory() + "/ledger.db"
        _ = try StateStore(path: path, migratingUpTo: "v1")
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                INSERT INTO processing_log (date, status, record_count, expiration_count, checksum, retry_count, memory_peak_mb, updated_at)
                VALUES ('2024-03-12', 'success', 1234, 56, 'abc', 1, 140, '2024-03-13 01:02:03');
                INSERT INTO processing_log (date, status, error_type) VALUES ('2024-03-13', 'failed', 'connection_refused');
                INSERT INTO error_log (date, error_type, error_message, resolved_at) VALUES ('2024-03-13', 'connection_refused', 'no Terminal', NULL);
                INSERT INTO performance_metrics (date, metric_name, metric_value, unit) VALUES ('2024-03-12', 'rows_per_second', 5000.5, 'rows/s');
                INSERT INTO configuration (key, value, value_type) VALUES ('processing.startDate', '2020-01-02', 'date');
                """)
        }
        // When it is opened by this build
        let store = try StateStore(path: path)
        // Then everything is there, as SPX greeks
        #expect(try store.schemaVersion() == StateStore.latestSchemaVersion)
        let records = try store.processingRecords()
        #expect(records.map(\.date) == ["2024-03-13", "2024-03-12"])
        #expect(records.allSatisfy { $0.symbol == "SPX" && $0.dataset == "greeks" })
        let success = try #require(records.last)
        #expect(success.recordCount == 1234 && success.expirationCount == 56 && success.checksum == "abc")
        #expect(success.retryCount == 1 && success.memoryPeakMb == 140)
        #expect(try store.errors().map(\.errorMessage) == ["no Terminal"])
        #expect(try store.performance(date: "2024-03-12").first?.metrics["rows_per_second"] == 5000.5)
        #expect(try store.storedConfiguration() == ["processing.startDate": "2020-01-02"])
        // And the new tables work with the new keys
        try store.save([ExpirationProgress(symbol: "SPX", dataset: "greeks", date: "2024-03-13", root: "SPXW",
                                           expiration: "2024-03-13", status: .staged, rowCount: 10)])
        try store.save([ProcessingRecord(symbol: "SPY", dataset: "greeks", date: "2024-03-12", status: .queued)])
        #expect(try store.processingRecords(ProcessingFilter(symbol: "SPY")).count == 1)
    }

    @Test("v2 to v3: an expiration staged with no rows becomes empty, the others keep every column; a 471 of old is permission")
    func fromV2() throws {
        let path = try temporaryDirectory() + "/ledger.db"
        _ = try StateStore(path: path, migratingUpTo: "v2")
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                INSERT INTO processing_log (symbol, dataset, date, status, error_type, retry_count)
                  VALUES ('SPX', 'greeks', '2024-03-15', 'failed', 'terminal_permission', 1),
                         ('SPX', 'greeks', '2024-03-14', 'failed', 'terminal_serverError', 0);
                INSERT INTO expiration_progress (symbol, dataset, date, root, expiration, status, row_count, staged_path,
                  sha256, bytes, attempts, updated_at)
                  VALUES ('SPX', 'greeks', '2024-03-15', 'SPXW', '2024-03-15', 'staged', 0, '/s/a.ndjson', 'e3b0', 0, 1, '2024-03-15T20:00:00Z'),
                         ('SPX', 'greeks', '2024-03-15', 'SPXW', '2024-03-18', 'staged', 1234, '/s/b.ndjson', 'abcd', 99, 2, '2024-03-15T20:01:00Z'),
                         ('SPX', 'greeks', '2024-03-15', 'SPX', '2024-03-15', 'pending', NULL, NULL, NULL, NULL, 0, '2024-03-15T20:02:00Z');
                INSERT INTO error_log (symbol, dataset, date, error_type, error_message) VALUES
                  ('SPX', 'greeks', '2024-03-15', 'terminal_permission', 'HTTP 471');
                """)
        }
        let store = try StateStore(path: path)
        #expect(try store.schemaVersion() == StateStore.latestSchemaVersion)
        let progress = try store.expirationProgress(symbol: "SPX", dataset: "greeks", date: "2024-03-15")
            .sorted { ($0.root, $0.expiration) < ($1.root, $1.expiration) }
        #expect(progress.map(\.status) == [.pending, .empty, .staged])
        #expect(progress[1] == ExpirationProgress(symbol: "SPX", dataset: "greeks", date: "2024-03-15", root: "SPXW",
                                                  expiration: "2024-03-15", status: .empty, rowCount: 0, stagedPath: "/s/a.ndjson",
                                                  sha256: "e3b0", bytes: 0, attempts: 1, updatedAt: "2024-03-15T20:00:00Z"))
        #expect(progress[2].rowCount == 1234 && progress[2].stagedPath == "/s/b.ndjson" && progress[2].sha256 == "abcd"
                && progress[2].bytes == 99 && progress[2].attempts == 2)
        let types = try store.processingRecords().map(\.errorType)
        #expect(Set(types) == ["permission", "terminal_serverError"])
        #expect(try store.errors().map(\.errorType) == ["permission"])
        // The rebuilt table still refuses what the ledger never writes.
        #expect(throws: (any Error).self) {
            try DatabaseQueue(path: path).write { db in
                try db.execute(sql: "UPDATE expiration_progress SET status = 'lost' WHERE root = 'SPX'")
            }
        }
    }

    @Test("a database from a newer build is refused with a fix")
    func newerSchema() throws {
        let path = try temporaryDirectory() + "/ledger.db"
        _ = try StateStore(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        }
        let error = try #require(throws: StateStoreError.self) { try StateStore(path: path) }
        #expect(error.code == .newerSchema)
        #expect(error.description.contains(path))
        #expect(error.description.contains("upgrade spx-data"))
    }

    @Test("a file that is not a database is refused naming the path")
    func notADatabase() throws {
        let path = try temporaryDirectory() + "/ledger.db"
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: StateStoreError.self) { try StateStore(path: path) }
        #expect(error.description.contains(path))
        #expect(!error.remediation.isEmpty)
    }
}
