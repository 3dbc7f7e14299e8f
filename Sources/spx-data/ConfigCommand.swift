import ArgumentParser
import Foundation
import StateStore

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show, change, check and reset the configuration stored in the ledger.",
        discussion: """
            Each key resolves as: --set key=value > environment variable > stored value > default. \
            The environment variable of a key is SPX_DATA_ then its name in upper snake case, e.g. \
            thetadata.baseUrl -> SPX_DATA_THETADATA_BASE_URL. The database itself is chosen by --db, \
            then SPX_DATA_DB, then ./data/spx-pipeline.db (database.path is informational).

            Keys and defaults:
            \(ConfigurationKey.allCases.sorted().map { key in
                "  \(key.rawValue) = \(key.defaultValue().isEmpty ? "(required, no default)" : key.defaultValue())"
                    + (key == .baseURL || key == .format ? " (v2: \(key.defaultValue(apiVersion: "v2")))" : "")
                    + (key == .maxConcurrentRequests || key == .historyStart
                        ? " (by thetadata.subscription: " + SubscriptionTier.allCases.map {
                            "\($0.rawValue) \(key.defaultValue(subscription: $0.rawValue))"
                        }.joined(separator: ", ") + ")" : "")
            }.joined(separator: "\n"))
            """,
        subcommands: [ConfigGetCommand.self, ConfigSetCommand.self, ConfigValidateCommand.self, ConfigResetCommand.self])
}

struct ConfigGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show every key (or one) with its value and where the value comes from.",
        discussion: """
            The source column says default, stored, env or flag.

            Examples:
              spx-data config get
              spx-data config get thetadata.baseUrl
              SPX_DATA_THETADATA_API_VERSION=v2 spx-data config get --format json

            \(ExitCodes.help)
            """)

    @OptionGroup var ledgerOptions: LedgerOptions

    @Argument(help: "One key to show; all keys when omitted.")
    var key: String?

    @Option(help: "Output format: table, json or csv.")
    var format: ReportFormat = .table

    func run() async throws {
        let selected = try key.map { name throws in try parseKey(name) }
        let store = try ledgerOptions.openStore()
        let config = try ledgerOptions.resolveConfiguration(store)
        let values = config.values.filter { selected == nil || $0.key == selected }
        let report = Report(
            columns: ["key", "value", "source", "default", "type", "required", "environment", "description"],
            rows: values.map { value in
                [.text(value.key.rawValue), .text(value.value), .text(value.source.rawValue),
                 .text(value.key.defaultValue(apiVersion: config.apiVersion.rawValue, subscription: config.subscription.rawValue)), .text(value.key.valueType.rawValue),
                 .text(value.key.isRequired ? "yes" : "no"), .text(value.key.environmentVariable), .text(value.key.summary)]
            })
        if format == .table, let only = values.first, selected != nil {
            print("\(only.value)\t(\(only.source.rawValue))")
            return
        }
        let table = format == .table
            ? Report(columns: Array(report.columns[0..<3]) + ["description"], rows: report.rows.map { Array($0[0..<3]) + [$0[7]] })
            : report
        print(table.render(format, style: .forOutput(format), highlight: { column, cell in
            column == 2 && cell.display != "default" ? .warn : nil
        }), terminator: "")
    }
}

struct ConfigSetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Validate and store a configuration value; the change is recorded with its time.",
        discussion: """
            Examples:
              spx-data config set processing.startDate 2020-01-02
              spx-data config set thetadata.apiVersion v2
              spx-data config set processing.symbols SPX,SPY,QQQ

            \(ExitCodes.help)
            """)

    @OptionGroup var ledgerOptions: LedgerOptions

    @Argument(help: "The key, e.g. thetadata.maxConcurrentRequests.")
    var key: String

    @Argument(help: "The new value.")
    var value: String

    func run() async throws {
        let key = try parseKey(key)
        let store = try ledgerOptions.openStore()
        let current = try ledger { try store.storedConfiguration() }
        let previous = current[key.rawValue]
        let stored: String
        do {
            // A value valid on its own may not go with the others (thetadata.format and the
            // API version): refused before it is stored, or every later command would be.
            var after = current
            after[key.rawValue] = try key.validate(value, origin: "cli")
            _ = try ConfigurationResolver.resolve(stored: after)
            stored = try store.setConfiguration(key, to: value, source: "cli")
        } catch let error as ConfigurationError {
            printError("error: \(error.message)")
            throw ExitCodes.badInput
        } catch {
            printError("error: \(error)")
            throw ExitCodes.ledgerError
        }
        let before = previous ?? (key.defaultValue().isEmpty ? "unset" : "default \(key.defaultValue())")
        print("\(key.rawValue) = \(stored) (was \(before))")
        let environment = ProcessInfo.processInfo.environment
        if environment[key.environmentVariable] != nil {
            printError("note: \(key.environmentVariable) is set and takes precedence over the stored value")
        }
        if key == .databasePath {
            printError("note: database.path is informational; choose the database with --db or SPX_DATA_DB")
        }
    }
}

struct ConfigValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every stored, environment and --set value, and that required keys are set.",
        discussion: """
            Lists each problem with the accepted form and the fix; exits 1 when there is any.

            Examples:
              spx-data config validate
              spx-data config validate --format json

            \(ExitCodes.help)
            """)

    @OptionGroup var ledgerOptions: LedgerOptions

    @Option(help: "Output format: table, json or csv.")
    var format: ReportFormat = .table

    func run() async throws {
        let store = try ledgerOptions.openStore()
        let problems = ConfigurationResolver.problems(
            stored: try ledger { try store.storedConfiguration() }, environment: ProcessInfo.processInfo.environment,
            flags: ledgerOptions.flagValues)
        if format == .table {
            if problems.isEmpty { print("configuration is valid") }
            for problem in problems { print(Style.forOutput(format).paint("INVALID", .bad) + " " + problem.message) }
        } else {
            print(Report(columns: ["key", "value", "origin", "message"], rows: problems.map {
                [Cell($0.key?.rawValue), .text($0.value), .text($0.origin), .text($0.message)]
            }).render(format), terminator: "")
        }
        if !problems.isEmpty { throw ExitCodes.checkFailed }
    }
}

struct ConfigResetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Remove every stored value so that all keys take their defaults.",
        discussion: """
            Asks for confirmation when standard input is a terminal; scripts pass --yes. Without a \
            terminal and without --yes nothing is changed and the exit status is 1. Each removal \
            is recorded in the configuration history.

            Examples:
              spx-data config reset
              spx-data config reset --yes

            \(ExitCodes.help)
            """)

    @OptionGroup var ledgerOptions: LedgerOptions

    @Flag(help: "Reset without asking.")
    var yes = false

    func run() async throws {
        let store = try ledgerOptions.openStore()
        let stored = try ledger { try store.storedConfiguration() }
        guard !stored.isEmpty else {
            print("nothing to reset: every key already uses its default")
            return
        }
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                printError("error: config reset needs confirmation: run it in a terminal, or pass --yes")
                throw ExitCodes.checkFailed
            }
            print("Reset \(stored.count) stored value(s) (\(stored.keys.sorted().joined(separator: ", "))) to defaults? [y/N] ",
                  terminator: "")
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
            guard answer == "y" || answer == "yes" else {
                print("nothing changed")
                throw ExitCodes.checkFailed
            }
        }
        let removed = try ledger { try store.resetConfiguration(source: "cli") }
        print("reset \(removed.count) key(s) to defaults: \(removed.sorted().joined(separator: ", "))")
    }
}

/// A key by name, or exit 64 listing the known keys.
func parseKey(_ name: String) throws -> ConfigurationKey {
    do {
        return try ConfigurationKey.named(name)
    } catch {
        printError("error: \(error.message)")
        throw ExitCodes.badInput
    }
}
