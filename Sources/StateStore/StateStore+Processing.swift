import GRDB

/// Which processing records to list.
public struct ProcessingFilter: Sendable, Equatable {
    public var statuses: Set<ProcessingRecord.Status> = []
    public var symbol: String?
    public var dataset: String?
    /// Inclusive `YYYY-MM-DD` bounds.
    public var from: String?
    public var through: String?
    public var limit: Int?

    public init(statuses: Set<ProcessingRecord.Status> = [], symbol: String? = nil, dataset: String? = nil,
                from: String? = nil, through: String? = nil, limit: Int? = nil) {
        self.statuses = statuses
        self.symbol = symbol
        self.dataset = dataset
        self.from = from
        self.through = through
        self.limit = limit
    }
}

/// A date being processed and its expirations, for `status`.
public struct ActiveProcessing: Sendable, Equatable {
    public var record: ProcessingRecord
    public var expirations: [ExpirationProgress]
    /// Expirations with nothing left to fetch: staged, or empty at the vendor.
    public var staged: Int { expirations.filter { $0.status.isDone }.count }
    public var failed: Int { expirations.filter { $0.status == .failed }.count }
}

extension StateStore {
    /// Inserts or replaces processing records in one transaction.
    public func save(_ records: [ProcessingRecord]) throws(StateStoreError) {
        try write { db in for record in records { try record.save(db) } }
    }

    /// Inserts or replaces expiration progress rows in one transaction.
    public func save(_ progress: [ExpirationProgress]) throws(StateStoreError) {
        try write { db in for row in progress { try row.save(db) } }
    }

    /// The records matching `filter`, newest date first.
    public func processingRecords(_ filter: ProcessingFilter = ProcessingFilter()) throws(StateStoreError) -> [ProcessingRecord] {
        try read { db in
            var request = ProcessingRecord.all()
            if !filter.statuses.isEmpty { request = request.filter(filter.statuses.map(\.rawValue).contains(Column("status"))) }
            if let symbol = filter.symbol { request = request.filter(Column("symbol") == symbol) }
            if let dataset = filter.dataset { request = request.filter(Column("dataset") == dataset) }
            if let from = filter.from { request = request.filter(Column("date") >= from) }
            if let through = filter.through { request = request.filter(Column("date") <= through) }
            request = request.order(Column("date").desc, Column("symbol"), Column("dataset"))
            if let limit = filter.limit { request = request.limit(limit) }
            return try request.fetchAll(db)
        }
    }

    /// Every recorded date of a symbol and dataset with its attempts, last error and expiration
    /// progress, oldest first: the gap engine's input. One query; progress is counted in SQL.
    public func ledgerDays(symbol: String, dataset: String) throws(StateStoreError) -> [LedgerDay] {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT p.date, p.status, p.retry_count, p.error_message, p.error_type, q.grade,
                       COUNT(e.expiration) AS total, COALESCE(SUM(e.status IN ('staged', 'empty')), 0) AS done
                FROM processing_log p
                LEFT JOIN expiration_progress e ON e.symbol = p.symbol AND e.dataset = p.dataset AND e.date = p.date
                LEFT JOIN quality_results q ON q.symbol = p.symbol AND q.dataset = p.dataset AND q.date = p.date
                WHERE p.symbol = ? AND p.dataset = ?
                GROUP BY p.date ORDER BY p.date
                """, arguments: [symbol, dataset])
            var days: [LedgerDay] = []
            while let row = try rows.next() {
                guard let status = ProcessingRecord.Status(rawValue: row["status"]) else { continue }
                days.append(LedgerDay(date: row["date"], status: status, retryCount: row["retry_count"],
                                      errorMessage: row["error_message"], errorType: row["error_type"], grade: row["grade"],
                                      expirationsDone: row["done"],
                                      expirationsTotal: row["total"]))
            }
            return days
        }
    }

    /// Averages over the successful dates of a symbol and dataset, from which the work of a
    /// missing date is estimated; nil when none has succeeded yet.
    public func successAverages(symbol: String, dataset: String) throws(StateStoreError) -> SuccessAverages? {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS days, AVG(record_count) AS rows, AVG(file_size_bytes) AS bytes,
                       AVG(expiration_count) AS expirations, AVG(api_requests_made) AS requests,
                       AVG(processing_duration_ms) AS duration
                FROM processing_log WHERE symbol = ? AND dataset = ? AND status = 'success'
                """, arguments: [symbol, dataset])
            guard let row, let days: Int = row["days"], days > 0 else { return nil }
            return SuccessAverages(days: days, rows: row["rows"], bytes: row["bytes"], expirations: row["expirations"],
                                   requests: row["requests"], durationMs: row["duration"])
        }
    }

    /// Counts by status (every status present, zero when none) and the latest update time.
    public func processingSummary() throws(StateStoreError) -> (counts: [ProcessingRecord.Status: Int], lastActivity: String?) {
        try read { db in
            var counts = Dictionary(uniqueKeysWithValues: ProcessingRecord.Status.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM processing_log GROUP BY status") {
                if let status = ProcessingRecord.Status(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            let last = try String.fetchOne(db, sql: "SELECT MAX(updated_at) FROM processing_log")
            return (counts, last)
        }
    }

    /// Dates whose status is `processing`, with their expiration progress.
    public func activeProcessing() throws(StateStoreError) -> [ActiveProcessing] {
        try read { db in
            let records = try ProcessingRecord.filter(Column("status") == ProcessingRecord.Status.processing.rawValue)
                .order(Column("date")).fetchAll(db)
            return try records.map { record in
                let expirations = try ExpirationProgress
                    .filter(Column("symbol") == record.symbol && Column("dataset") == record.dataset
                        && Column("date") == record.date)
                    .order(Column("root"), Column("expiration")).fetchAll(db)
                return ActiveProcessing(record: record, expirations: expirations)
            }
        }
    }

    /// Processing records and errors counted in one snapshot; tests use it to show that a reader
    /// never sees half of a write transaction.
    package func snapshotCounts() throws(StateStoreError) -> (processing: Int, errors: Int) {
        try read { db in (try ProcessingRecord.fetchCount(db), try ErrorRecord.fetchCount(db)) }
    }
}

extension StateStore {
    /// The expiration progress of one (symbol, dataset, date), by root then expiration.
    public func expirationProgress(symbol: String, dataset: String, date: String) throws(StateStoreError) -> [ExpirationProgress] {
        try read { db in
            try ExpirationProgress
                .filter(Column("symbol") == symbol && Column("dataset") == dataset && Column("date") == date)
                .order(Column("root"), Column("expiration"))
                .fetchAll(db)
        }
    }
}
