import Foundation
import GRDB

/// The SQLite ledger: processing attempts, per-expiration progress, configuration, errors and
/// performance metrics, in one WAL-mode database file that only its owner can read.
///
/// Opening creates the directory (mode 0700) and file (mode 0600) when missing and brings the
/// schema to the latest version. Readers never block the writer and see consistent snapshots,
/// so `spx-data status` can run while a download is recording progress.
public final class StateStore: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// The schema version this build writes.
    public static var latestSchemaVersion: String { Migrations.identifiers[Migrations.identifiers.count - 1] }

    /// How long a write waits for another process's write before failing.
    public static let defaultBusyTimeout: Duration = .seconds(5)

    /// Opens (creating if needed) the ledger at `path` and migrates it to the latest schema.
    /// - Throws: `StateStoreError` naming the path and the fix.
    public convenience init(path: String, busyTimeout: Duration = StateStore.defaultBusyTimeout) throws(StateStoreError) {
        try self.init(path: path, busyTimeout: busyTimeout, migratingUpTo: nil)
    }

    /// Opens the ledger and applies migrations up to `target` only; tests use it to build
    /// databases at every earlier schema version.
    package init(path: String, busyTimeout: Duration = StateStore.defaultBusyTimeout,
                 migratingUpTo target: String?) throws(StateStoreError) {
        self.path = path
        try FilePermissions.createPrivateDirectory(forFileAt: path)
        try FilePermissions.createPrivateFile(at: path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(TimeInterval(busyTimeout.components.seconds))
        configuration.foreignKeysEnabled = true
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StateStoreError(
                code: .open, path: path, message: "cannot open the ledger",
                remediation: "check that the file is a spx-data database and that you own it, or pass another --db",
                underlying: error)
        }
        try migrate(upTo: target)
        try FilePermissions.restrict(databaseAt: path)
    }

    private func migrate(upTo target: String?) throws(StateStoreError) {
        let migrator = Migrations.migrator
        do {
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StateStoreError(
                    code: .newerSchema, path: path,
                    message: "the ledger was written by a newer spx-data (schema \(try schemaVersion()))",
                    remediation: "upgrade spx-data, or point --db at another file")
            }
            if let target { try migrator.migrate(pool, upTo: target) } else { try migrator.migrate(pool) }
        } catch let error as StateStoreError {
            throw error
        } catch {
            throw StateStoreError(
                code: .migration, path: path, message: "cannot migrate the ledger to schema \(target ?? Self.latestSchemaVersion)",
                remediation: "the database is unchanged; restore a backup or check the disk, then run again",
                underlying: error)
        }
    }

    /// The identifier of the last applied migration, e.g. `v2`; `none` for an empty file.
    public func schemaVersion() throws(StateStoreError) -> String {
        try read { db in try Migrations.migrator.appliedMigrations(db).last ?? "none" }
    }

    /// Runs `body` on one consistent snapshot, mapping failures to `StateStoreError`.
    func read<T>(_ body: (Database) throws -> T) throws(StateStoreError) -> T {
        do { return try pool.read(body) } catch { throw queryError(error, "cannot read the ledger") }
    }

    /// Runs `body` in one write transaction, mapping failures to `StateStoreError`.
    func write<T>(_ body: (Database) throws -> T) throws(StateStoreError) -> T {
        do { return try pool.write(body) } catch { throw queryError(error, "cannot write to the ledger") }
    }

    private func queryError(_ error: any Error, _ message: String) -> StateStoreError {
        if let error = error as? StateStoreError { return error }
        return StateStoreError(
            code: .query, path: path, message: message,
            remediation: "if another spx-data is writing, wait and retry; otherwise run `spx-data health`",
            underlying: error)
    }
}
