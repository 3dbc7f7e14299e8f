import GRDB

/// What the ledger knows of a day that its quality checks compare the file with.
public struct QualityFacts: Sendable, Equatable {
    /// Contracts listed at planning, summed over the day's expirations; nil when not recorded.
    public var listedContracts: Int?
    /// Expirations planned, and those staged or recorded empty.
    public var expirationsPlanned: Int
    public var expirationsAccounted: Int
    /// Row counts, scores and quiet-row shares of earlier archived dates, oldest first.
    public var previousRowCounts: [Int64]
    public var previousScores: [Double]
    public var previousQuietShares: [Double]
    /// The last underlying price of the latest earlier date with a quality result.
    public var previousClose: Double?
}

extension StateStore {
    /// Replaces a day's quality result and its checks in one transaction.
    public func save(quality: QualityRecord, checks: [QualityCheckRecord]) throws(StateStoreError) {
        try write { db in
            try QualityRecord.deleteOne(db, key: ["symbol": quality.symbol, "dataset": quality.dataset, "date": quality.date])
            try quality.insert(db)
            for check in checks { try check.insert(db) }
        }
    }

    /// A day's quality result and its checks, nil when it was never judged.
    public func quality(symbol: String, dataset: String, date: String) throws(StateStoreError)
        -> (result: QualityRecord, checks: [QualityCheckRecord])?
    {
        try read { db in
            guard let result = try QualityRecord.fetchOne(db, key: ["symbol": symbol, "dataset": dataset, "date": date])
            else { return nil }
            let checks = try QualityCheckRecord
                .filter(Column("symbol") == symbol && Column("dataset") == dataset && Column("date") == date)
                .fetchAll(db)
            return (result, checks)
        }
    }

    /// Quality results, oldest date first, optionally of one symbol and dataset and a date range.
    public func qualityResults(symbol: String? = nil, dataset: String? = nil, from: String? = nil, through: String? = nil)
        throws(StateStoreError) -> [QualityRecord]
    {
        try read { db in
            var request = QualityRecord.all()
            if let symbol { request = request.filter(Column("symbol") == symbol) }
            if let dataset { request = request.filter(Column("dataset") == dataset) }
            if let from { request = request.filter(Column("date") >= from) }
            if let through { request = request.filter(Column("date") <= through) }
            return try request.order(Column("date"), Column("symbol"), Column("dataset")).fetchAll(db)
        }
    }

    /// Earlier dates of the same symbol and dataset whose staged rows were exactly these.
    public func dates(withContent hash: String, symbol: String, dataset: String, except date: String)
        throws(StateStoreError) -> [String]
    {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT date FROM quality_results
                WHERE content_sha256 = ? AND symbol = ? AND dataset = ? AND date <> ? ORDER BY date
                """, arguments: [hash, symbol, dataset, date])
        }
    }

    /// What the checks of `date` compare it with: its planning, and up to `history` earlier days.
    public func qualityFacts(symbol: String, dataset: String, date: String, history: Int) throws(StateStoreError) -> QualityFacts {
        try read { db in
            let planned = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS planned, COALESCE(SUM(status IN ('staged', 'empty')), 0) AS accounted,
                       SUM(contracts_listed) AS listed, COUNT(contracts_listed) AS recorded
                FROM expiration_progress WHERE symbol = ? AND dataset = ? AND date = ?
                """, arguments: [symbol, dataset, date])
            let earlier = try Row.fetchAll(db, sql: """
                SELECT p.record_count, q.score, q.quiet_share, q.underlying_close
                FROM processing_log p LEFT JOIN quality_results q
                  ON q.symbol = p.symbol AND q.dataset = p.dataset AND q.date = p.date
                WHERE p.symbol = ? AND p.dataset = ? AND p.date < ? AND p.status = 'success'
                ORDER BY p.date DESC LIMIT ?
                """, arguments: [symbol, dataset, date, history]).reversed()
            let plannedCount: Int = planned?["planned"] ?? 0
            let recorded: Int = planned?["recorded"] ?? 0
            return QualityFacts(
                // Only when every expiration's listing was recorded: older ledgers did not.
                listedContracts: recorded > 0 && recorded == plannedCount ? planned?["listed"] : nil,
                expirationsPlanned: plannedCount, expirationsAccounted: planned?["accounted"] ?? 0,
                previousRowCounts: earlier.compactMap { $0["record_count"] },
                previousScores: earlier.compactMap { $0["score"] },
                previousQuietShares: earlier.compactMap { $0["quiet_share"] },
                previousClose: earlier.last.flatMap { $0["underlying_close"] })
        }
    }

    /// How many archived days have each grade, of one symbol and dataset or all.
    public func gradeCounts(symbol: String? = nil, dataset: String? = nil) throws(StateStoreError) -> [String: Int] {
        var counts: [String: Int] = [:]
        for record in try qualityResults(symbol: symbol, dataset: dataset) { counts[record.grade, default: 0] += 1 }
        return counts
    }
}
