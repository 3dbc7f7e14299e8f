import GRDB

/// Which errors to look at.
public struct ErrorFilter: Sendable, Equatable {
    /// The trading date the error belongs to.
    public var date: String?
    public var errorType: String?
    /// Only errors that occurred at or after this ISO-8601 instant or `YYYY-MM-DD` date.
    public var since: String?
    public var symbol: String?
    public var limit: Int?

    public init(date: String? = nil, errorType: String? = nil, since: String? = nil, symbol: String? = nil, limit: Int? = nil) {
        self.date = date
        self.errorType = errorType
        self.since = since
        self.symbol = symbol
        self.limit = limit
    }
}

/// How often one type of error happened.
public struct ErrorPattern: Sendable, Equatable, Codable {
    public var errorType: String
    public var count: Int
    public var unresolved: Int
    public var dates: Int
    public var firstSeen: String
    public var lastSeen: String
}

extension StateStore {
    /// Records errors in one transaction; their processing records must exist.
    public func record(errors: [ErrorRecord]) throws(StateStoreError) {
        try write { db in for var error in errors { try error.insert(db) } }
    }

    /// Saves a failed record and its error in one transaction, so readers see both or neither.
    public func recordFailure(_ record: ProcessingRecord, error: ErrorRecord) throws(StateStoreError) {
        try write { db in
            try record.save(db)
            var error = error
            try error.insert(db)
        }
    }

    /// Errors matching `filter`, newest first.
    public func errors(_ filter: ErrorFilter = ErrorFilter()) throws(StateStoreError) -> [ErrorRecord] {
        try read { db in
            var request = ErrorRecord.all().order(Column("occurred_at").desc, Column("id").desc)
            request = Self.apply(filter, to: request)
            if let limit = filter.limit { request = request.limit(limit) }
            return try request.fetchAll(db)
        }
    }

    /// Errors matching `filter` grouped by type, most frequent first.
    public func errorPatterns(_ filter: ErrorFilter = ErrorFilter()) throws(StateStoreError) -> [ErrorPattern] {
        try read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let date = filter.date { clauses.append("date = ?"); arguments += [date] }
            if let type = filter.errorType { clauses.append("error_type = ?"); arguments += [type] }
            if let since = filter.since { clauses.append("occurred_at >= ?"); arguments += [since] }
            if let symbol = filter.symbol { clauses.append("symbol = ?"); arguments += [symbol] }
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let rows = try Row.fetchAll(db, sql: """
                SELECT error_type, COUNT(*) AS n, SUM(resolved_at IS NULL) AS unresolved,
                       COUNT(DISTINCT symbol || dataset || date) AS dates,
                       MIN(occurred_at) AS first_seen, MAX(occurred_at) AS last_seen
                FROM error_log \(whereSQL) GROUP BY error_type ORDER BY n DESC, error_type
                """, arguments: arguments)
            return rows.map {
                ErrorPattern(errorType: $0["error_type"], count: $0["n"], unresolved: $0["unresolved"], dates: $0["dates"],
                             firstSeen: $0["first_seen"], lastSeen: $0["last_seen"])
            }
        }
    }

    private static func apply(_ filter: ErrorFilter, to request: QueryInterfaceRequest<ErrorRecord>) -> QueryInterfaceRequest<ErrorRecord> {
        var request = request
        if let date = filter.date { request = request.filter(Column("date") == date) }
        if let type = filter.errorType { request = request.filter(Column("error_type") == type) }
        if let since = filter.since { request = request.filter(Column("occurred_at") >= since) }
        if let symbol = filter.symbol { request = request.filter(Column("symbol") == symbol) }
        return request
    }
}
