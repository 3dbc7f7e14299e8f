import GRDB

/// What SQLite says about the file.
public struct DatabaseHealth: Sendable, Equatable {
    /// True when the check answered `ok`.
    public var isSound: Bool
    /// The check's findings (`ok`, or up to 100 problems).
    public var findings: [String]
    public var schemaVersion: String
    public var latestSchemaVersion: String
    public var sizeBytes: Int64
}

extension StateStore {
    /// Runs `PRAGMA quick_check` (fast, for `status`) or `PRAGMA integrity_check` (thorough,
    /// for `health`) and reads the schema version.
    public func checkHealth(thorough: Bool) throws(StateStoreError) -> DatabaseHealth {
        try read { db in
            let findings = try String.fetchAll(db, sql: thorough ? "PRAGMA integrity_check" : "PRAGMA quick_check")
            let version = try Migrations.migrator.appliedMigrations(db).last ?? "none"
            let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            return DatabaseHealth(isSound: findings == ["ok"], findings: findings, schemaVersion: version,
                                  latestSchemaVersion: Self.latestSchemaVersion, sizeBytes: pages * pageSize)
        }
    }
}
