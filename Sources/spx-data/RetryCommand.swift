import ArgumentParser
import Foundation
import MarketCalendar
import Pipeline
import StateStore
import ThetaData

struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Process failed dates again, each by the policy of its recorded error.",
        discussion: """
            A failed date (or one left processing by a process that is gone) is processed \
            again. Failures of the Terminal, the disk, the ledger, a stop or a crash resume \
            from the staged expirations; failures of staging, conversion or verification \
            discard the date's staging first, since it may be what failed; a date that is not \
            a session is never retried. Past processing.maxRetries attempts a date is refused \
            unless --force, which asks first (--yes answers for scripts); a date the vendor had \
            not published yet (pending at vendor) never counts against that limit. A date the \
            subscription did not cover (permission: a 403) is retried only with --force, once \
            the subscription has changed. A failure of the retry is logged with the error it \
            retried; when the date succeeds its errors are marked resolved.

            Examples:
              spx-data retry 2024-03-15
              spx-data retry --all-failed --since-date 2024-01-01
              spx-data retry --last-n 5
              spx-data retry 2024-03-15 --force --yes

            Exit status: 0 every date retried succeeded (or none needed it); 1 a date failed or \
            was refused; 2 the ledger could not be used; 64 invalid input.
            """)

    @Argument(help: "The failed date: YYYY-MM-DD, today or yesterday.")
    var date: String?

    @Flag(help: "Every failed date.")
    var allFailed = false

    @Option(help: "With --all-failed: only dates from this one on.")
    var sinceDate: String?

    @Option(help: "The N most recently failed dates.")
    var lastN: Int?

    @Flag(help: "Retry dates past processing.maxRetries attempts.")
    var force = false

    @Flag(help: "Answer yes to --force's confirmation.")
    var yes = false

    @OptionGroup var day: DayOptions
    @OptionGroup var ledgerOptions: LedgerOptions

    func validate() throws {
        let selections = [date != nil, allFailed, lastN != nil].filter { $0 }.count
        guard selections == 1 else { throw ValidationError("give one of: a DATE, --all-failed, or --last-n N") }
        if sinceDate != nil && !allFailed { throw ValidationError("--since-date goes with --all-failed") }
        if let lastN, !(1...10_000).contains(lastN) { throw ValidationError("--last-n must be 1 to 10000, not \(lastN)") }
    }

    func run() async throws {
        let store = try ledgerOptions.openStore()
        let config = try ledgerOptions.resolveConfiguration(store)
        let (symbol, dataset) = try day.target(config: config)
        let candidates = try select(store, symbol: symbol, dataset: dataset.name)
        if candidates.isEmpty {
            writeOut("nothing to retry: no failed \(symbol) \(dataset.name) date matches\n")
            return
        }
        // Before any staging is discarded (the run checks again, for the other commands).
        try WorkingDirectories.check(config)
        let layout = ArchiveLayout(outputDirectory: config.outputDirectory, stagingDirectory: config.tempDirectory)
        var jobs: [DayJob] = []
        var refused = 0
        for record in candidates {
            let date = try CivilDate(parsing: record.date)
            let job = DayJob(symbol: symbol, dataset: dataset, date: date, intervalMs: ArchiveSession.intervalMs(config.interval),
                             retryOf: record.errorType ?? "interrupted")
            let label = "\(symbol) \(dataset.name) \(record.date)"
            let policy = RetryPolicy.forErrorType(record.errorType)
            if case .never(let reason) = policy {
                printError("skipped \(label): \(reason); retrying cannot help")
                refused += 1
                continue
            }
            if case .onlyForced(let reason) = policy {
                guard force else {
                    printError("skipped \(label): \(reason)")
                    refused += 1
                    continue
                }
                guard try confirm("retry \(label), which the subscription did not cover?") else {
                    printError("skipped \(label): not confirmed")
                    refused += 1
                    continue
                }
            } else if record.retryCount >= config.maxRetries, RetryPolicy.countsAgainstMaxRetries(record.errorType) {
                guard force else {
                    printError("refused \(label): already retried \(record.retryCount) time(s), processing.maxRetries is "
                               + "\(config.maxRetries); add --force to retry anyway, or raise processing.maxRetries")
                    refused += 1
                    continue
                }
                guard try confirm("retry \(label) past processing.maxRetries (\(record.retryCount) retries so far)?") else {
                    printError("skipped \(label): not confirmed")
                    refused += 1
                    continue
                }
            }
            if policy == .restage {
                try? FileManager.default.removeItem(atPath: layout.stagingDirectory(for: job))
            }
            writeOut("retry \(label) (attempt \(record.retryCount + 2), was \(record.errorType ?? "interrupted"): "
                     + "\(policy == .restage ? "staging discarded, fetching again" : "resuming from staged expirations"))\n")
            jobs.append(job)
        }
        // A refused date still fails the run, after the others were retried.
        if !jobs.isEmpty { try await day.run(jobs, parallelDates: 1, store: store, config: config) }
        if refused > 0 { throw ExitCodes.checkFailed }
    }

    /// The records to retry, oldest date first: failed ones, and those left processing by a
    /// process that is gone.
    private func select(_ store: StateStore, symbol: String, dataset: String) throws -> [ProcessingRecord] {
        let retryable: (ProcessingRecord) -> Bool = { record in
            record.status == .failed || (record.status == .processing && !record.isHeldByRunningProcess)
        }
        if let date {
            let resolved = try parseDate(date).description
            let records = try ledger { try store.processingRecords(ProcessingFilter(
                symbol: symbol, dataset: dataset, from: resolved, through: resolved)) }
            guard let record = records.first else {
                printError("error: \(symbol) \(dataset) \(resolved) has no attempt to retry; `spx-data process \(resolved)` archives it")
                throw ExitCodes.badInput
            }
            guard retryable(record) else {
                let why = record.status == .success
                    ? "it is archived; `spx-data process \(resolved)` rebuilds it"
                    : "process \(record.processId.map(String.init) ?? "?") is working on it; `spx-data stop` stops it"
                printError("error: \(symbol) \(dataset) \(resolved) is \(record.status.rawValue): \(why)")
                throw record.status == .success ? ExitCodes.badInput : ExitCodes.checkFailed
            }
            return [record]
        }
        var since: String?
        if let sinceDate { since = try parseDate(sinceDate).description }
        let records = try ledger { try store.processingRecords(ProcessingFilter(
            statuses: [.failed, .processing], symbol: symbol, dataset: dataset, from: since)) }.filter(retryable)
        if let lastN {
            return Array(records.sorted { $0.updatedAt > $1.updatedAt }.prefix(lastN)).sorted { $0.date < $1.date }
        }
        return records.sorted { $0.date < $1.date }
    }

    /// `--yes`, or the operator's answer on a terminal; refuses when neither can be had.
    private func confirm(_ question: String) throws -> Bool {
        if yes { return true }
        guard isatty(STDIN_FILENO) == 1 else {
            printError("error: --force asks for confirmation and standard input is not a terminal; add --yes")
            throw ExitCodes.badInput
        }
        writeAll(STDERR_FILENO, "\(question) [y/N] ")
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        return answer == "y" || answer == "yes"
    }
}
