import ArgumentParser
import Foundation
import StateStore

/// Options every ledger command shares: where the database is and configuration overrides.
struct LedgerOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The ledger database file (default: $SPX_DATA_DB, else ./data/spx-pipeline.db).", valueName: "path"))
    var databasePath: String?

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a configuration key for this run only (strongest layer; repeatable).", valueName: "key=value"))
    var overrides: [String] = []

    static let defaultDatabasePath = "./data/spx-pipeline.db"

    /// `--db`, then `SPX_DATA_DB`, then the default.
    var resolvedDatabasePath: String {
        databasePath ?? ProcessInfo.processInfo.environment["SPX_DATA_DB"].flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.defaultDatabasePath
    }

    func validate() throws {
        for item in overrides {
            guard let eq = item.firstIndex(of: "="), let key = ConfigurationKey(rawValue: String(item[..<eq])) else {
                throw ValidationError("--set expects key=value with a known key, got '\(item)'. Keys: "
                                      + ConfigurationKey.allCases.map(\.rawValue).sorted().joined(separator: ", "))
            }
            _ = key
        }
    }

    /// The `--set` values by key name.
    var flagValues: [String: String] {
        var values: [String: String] = [:]
        for item in overrides {
            guard let eq = item.firstIndex(of: "=") else { continue }
            values[String(item[..<eq])] = String(item[item.index(after: eq)...])
        }
        return values
    }

    /// Opens the ledger or exits 2 with the error and its fix on standard error. Dates left
    /// `processing` by a process that is gone are named on standard error, whatever the command.
    func openStore() throws -> StateStore {
        let store: StateStore
        do {
            store = try StateStore(path: resolvedDatabasePath)
        } catch {
            printError("error: \(error)")
            throw ExitCodes.ledgerError
        }
        for record in (try? store.staleProcessing()) ?? [] {
            printError("note: \(record.symbol) \(record.dataset) \(record.date) was left processing by process "
                       + "\(record.processId.map(String.init) ?? "unknown"), which is gone; the next `spx-data process` "
                       + "or `spx-data retry` of the date resumes it")
        }
        return store
    }

    /// The configuration of this run (flag > environment > stored > default), or exits 64 naming
    /// the bad value and where it came from.
    func resolveConfiguration(_ store: StateStore) throws -> ResolvedConfiguration {
        let stored = try ledger { try store.storedConfiguration() }
        do {
            return try ConfigurationResolver.resolve(
                stored: stored, environment: ProcessInfo.processInfo.environment, flags: flagValues)
        } catch {
            printError("error: \(error)")
            throw ExitCodes.badInput
        }
    }
}

/// Runs a ledger operation, turning a `StateStoreError` into its message and exit status 2.
func ledger<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("error: \(error)")
        throw ExitCodes.ledgerError
    }
}
