import MarketCalendar
import StateStore
import ThetaData

extension DayProcessor {
    /// Stages every expiration not staged yet, as many at once as the Terminal allows.
    /// After a failure no new expiration starts, those running finish (and stay staged for
    /// the next attempt), then the first error is thrown. Each staged file is handed to
    /// `inputs` at once, for the conversion already running.
    func stage(_ job: DayJob, _ planned: [PlannedExpiration], into inputs: DayInputs) async throws
        -> (files: [StagedFile], requests: Int)
    {
        let width = max(1, client.configuration.maxConcurrentRequests)
        try FileDigest.makeDirectories(layout.stagingDirectory(for: job))
        var waiting = planned.indices.filter { planned[$0].staged == nil }[...]
        // The group's body keeps its state to itself and returns it: written to variables
        // outside the closure from a nested function, the release build (Swift 6.3.1) trapped
        // on an in-range index of the files array.
        let gathered = await withTaskGroup(of: StageOutcome.self, returning: StageOutcome.Gathered.self) { group in
            var gathered = StageOutcome.Gathered()
            for index in waiting.prefix(width) {
                group.addTask { await self.outcome(job, planned[index], index: index) }
            }
            waiting = waiting.dropFirst(width)
            while let outcome = await group.next() {
                gathered.add(outcome)
                if case .success(let file) = outcome.result { inputs.complete(outcome.index, file) }
                if gathered.firstError == nil, let index = waiting.popFirst() {
                    group.addTask { await self.outcome(job, planned[index], index: index) }
                }
            }
            return gathered
        }
        if let firstError = gathered.firstError { throw firstError }
        let files = planned.indices.map { planned[$0].staged ?? gathered.files[$0]! }
        return (files, gathered.requests)
    }

    private func outcome(_ job: DayJob, _ e: PlannedExpiration, index: Int) async -> StageOutcome {
        do {
            let (file, requests) = try await stageOne(job, e)
            return StageOutcome(index: index, result: .success(file), requests: requests)
        } catch {
            return StageOutcome(index: index, result: .failure(error), requests: 0)
        }
    }

    /// Fetches one expiration into its staging file and records it staged.
    func stageOne(_ job: DayJob, _ e: PlannedExpiration) async throws -> (StagedFile, Int) {
        var row = pending(job, e)
        row.attempts += 1
        let staging = try StagingFile(path: e.path, dataset: job.dataset, version: version)
        do {
            var rows = 0
            let summary = try await client.history(dataset: job.dataset, root: e.root, expiration: Self.compact(e.expiration),
                                                   date: job.compactDate, intervalMs: job.intervalMs) { event in
                switch event {
                case .rows(let batch):
                    try staging.append(batch)
                    CrashPoint.fetching.reach()
                    rows += batch.count
                    progress(.rows(job, root: e.root, expiration: e.expiration, rows: rows, bytes: staging.bytesWritten))
                case .restart:
                    try staging.restart()
                    rows = 0
                }
            }
            let file = try StagingSorter.sort(try staging.finish())
            // A 472 or a body with only its header: nothing at the vendor, which is not a failure.
            row.status = file.rows == 0 ? .empty : .staged
            row.rowCount = Int64(file.rows)
            row.stagedPath = file.path
            row.sha256 = file.sha256
            row.bytes = file.bytes
            row.updatedAt = Timestamps.now()
            try store.save([row])
            CrashPoint.stagingRecorded.reach()
            if summary.report.malformedRows > 0 { try recordMalformed(job, e, summary.report) }
            try recordRetried(job, of: "\(e.root) \(e.expiration)", summary.retried,
                              resolution: "retried by the client; the expiration was staged")
            progress(.staged(job, root: e.root, expiration: e.expiration, rows: file.rows))
            return (file, summary.requests)
        } catch {
            if let error = error as? ThetaDataError {
                try? recordRetried(job, of: "\(e.root) \(e.expiration)", error.retried, resolution: nil)
            }
            staging.discard()
            row.status = .failed
            row.updatedAt = Timestamps.now()
            try? store.save([row])
            throw error
        }
    }

    /// Rows the decoder dropped are not an error of the day; the ledger keeps their count
    /// and the first reasons so `spx-data errors` shows them.
    private func recordMalformed(_ job: DayJob, _ e: PlannedExpiration, _ report: DecodeReport) throws {
        try store.record(errors: [ErrorRecord(
            symbol: job.symbol, dataset: job.dataset.name, date: job.date.description, errorType: "malformed_rows",
            errorMessage: "\(report.malformedRows) malformed row(s) skipped in \(e.root) \(e.expiration): "
                + report.problems.prefix(3).joined(separator: "; "))])
    }

    static func compact(_ d: CivilDate) -> Int32 { Int32(d.year * 10_000 + d.month * 100 + d.day) }
}

/// How staging one expiration ended, and what a day's staging gathers from them.
struct StageOutcome: Sendable {
    var index: Int
    var result: Result<StagedFile, any Error>
    var requests: Int

    struct Gathered: Sendable {
        var files: [Int: StagedFile] = [:]
        var requests = 0
        var firstError: (any Error)?

        mutating func add(_ outcome: StageOutcome) {
            requests += outcome.requests
            switch outcome.result {
            case .success(let file): files[outcome.index] = file
            case .failure(let error): if firstError == nil { firstError = error }
            }
        }
    }
}
