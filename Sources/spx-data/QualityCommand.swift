import ArgumentParser
import Foundation
import MarketCalendar
import Pipeline
import Quality
import StateStore

struct QualityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "Check, score and explain the content of archived days.",
        discussion: """
            Every archived day is judged when it is processed: its rows are checked (schema, keys, \
            duplicates, completeness against the session's grid and the Terminal's listing, \
            prices and sizes, no-arbitrage bounds at bid/ask, greeks, implied volatility, chains \
            at each instant, time series), each check scored by its failure rate, and the day \
            graded A to F (a blocking failure is 0). Nothing is ever dropped: the research funnel \
            says how many rows the usual sample filters would remove. Results are kept in the \
            ledger with each check's population and failures, the suite version and a hash of \
            the thresholds (quality.*), so a score can be recomputed and compared.

            A DATE, --range or --all shows the recorded results (judging days not judged yet, or \
            all with --recompute). --file judges any Parquet file of the archive's columns, \
            including files written before these checks, without recording it.

            Examples:
              spx-data quality 2024-03-15
              spx-data quality --range "last 30 days" --format csv > quality.csv
              spx-data quality --all --recompute
              spx-data quality --file data/parquet/2024/03/15/spx-options-2024-03-15.parquet --format html > day.html

            Exit status: 0 every day judged and none below quality.minGrade or failing a blocking \
            check; 1 otherwise, or a day has no archived file; 2 the ledger could not be used; \
            64 invalid input.
            """)

    @Argument(help: "One date: YYYY-MM-DD, today or yesterday.")
    var date: String?

    @Option(help: ArgumentHelp("A date range: \(DateRangeExpression.acceptedForms).", valueName: "range"))
    var range: String?

    @Flag(help: "Every archived date.")
    var all = false

    @Option(help: ArgumentHelp("Judge this Parquet file instead of the ledger's days.", valueName: "path"))
    var file: String?

    @Flag(help: "Judge the days again from their files instead of showing the recorded results.")
    var recompute = false

    @Option(help: "Only this symbol (default: every symbol).")
    var symbol: String?

    @Option(help: "Only this dataset (default: processing.dataset).")
    var dataset: String?

    @Option(help: "Output format: table, json, csv or html.")
    var format: QualityFormat = .table

    @OptionGroup var ledgerOptions: LedgerOptions

    func validate() throws {
        let chosen = [date != nil, range != nil, all, file != nil].count { $0 }
        guard chosen == 1 else { throw ValidationError("give exactly one of a date, --range, --all or --file") }
        if file != nil && recompute { throw ValidationError("--recompute goes with a date, --range or --all; --file always judges the file") }
    }

    func run() async throws {
        if let file {
            let day = try judgeFile(file)
            writeOut(QualityReport(days: [day], single: true).render(format))
            if day.checks.contains(where: { $0.severity == .blocker && $0.failed > 0 }) { throw ExitCodes.checkFailed }
            return
        }
        let store = try ledgerOptions.openStore()
        let config = try ledgerOptions.resolveConfiguration(store)
        let (from, through) = try DateSelection.bounds(date: date, range: range)
        let datasetName = dataset ?? config.dataset
        let records = try ledger {
            try store.processingRecords(ProcessingFilter(statuses: [.success], symbol: symbol?.uppercased(), dataset: datasetName,
                                                         from: from, through: through))
        }.sorted { ($0.date, $0.symbol) < ($1.date, $1.symbol) }
        if records.isEmpty {
            printError("error: no archived \(datasetName) day\(date.map { " on \($0)" } ?? " in the range"); "
                       + "`spx-data process DATE` archives one")
            throw ExitCodes.checkFailed
        }
        let layout = ArchiveLayout(outputDirectory: config.outputDirectory, stagingDirectory: config.tempDirectory)
        let thresholds = QualitySettings.thresholds(config)
        var days: [DayQuality] = []
        var unjudged: [String] = []
        for record in records {
            let stored = recompute ? nil : try ledger { try store.quality(symbol: record.symbol, dataset: record.dataset, date: record.date) }
            if let stored, let day = ArchiveQuality.stored(stored.result, checks: stored.checks) {
                days.append(day)
                continue
            }
            do {
                days.append(try ArchiveQuality.judge(record, layout: layout, store: store, thresholds: thresholds))
            } catch {
                unjudged.append("\(record.symbol) \(record.dataset) \(record.date): \(error)")
            }
        }
        writeOut(QualityReport(days: days, single: date != nil).render(format))
        for line in unjudged { printError("error: \(line)") }
        let floor = QualitySettings.minGrade(config)
        let failing = days.contains { day in
            day.checks.contains { $0.severity == .blocker && $0.failed > 0 } || floor.map { day.grade > $0 } == true
        }
        if failing || !unjudged.isEmpty { throw ExitCodes.checkFailed }
    }

    /// A lone file, judged without the ledger's facts (those checks are "not evaluated").
    private func judgeFile(_ path: String) throws -> DayQuality {
        // The thresholds as configured; a ledger is read for them only when there is one, never made.
        let stored = FileManager.default.fileExists(atPath: ledgerOptions.resolvedDatabasePath)
            ? try ledger { try ledgerOptions.openStore().storedConfiguration() } : [:]
        let config: ResolvedConfiguration
        do {
            config = try ConfigurationResolver.resolve(stored: stored, environment: ProcessInfo.processInfo.environment,
                                                       flags: ledgerOptions.flagValues)
        } catch {
            printError("error: \(error)")
            throw ExitCodes.badInput
        }
        let thresholds = QualitySettings.thresholds(config)
        do {
            let sha256 = try? FileDigest.sha256(of: path)
            return try QualityAssessor(thresholds: thresholds).assess(path: path, sha256: sha256)
        } catch {
            printError("error: \(error)")
            throw ExitCodes.badInput
        }
    }
}

/// `quality`'s formats: those of every report, and a self-contained HTML page.
enum QualityFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, html
}
