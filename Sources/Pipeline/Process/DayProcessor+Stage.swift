import MarketCalendar
import StateStore
import ThetaData

extension DayProcessor {
    /// Stages every expiration not staged yet, as many at once as the Terminal allows.
    /// After a failure no new expiration starts, those running finish (and stay staged for
    /// the next attempt), then the first error is thrown.
    func stage(_ job: DayJob, _ planned: [PlannedExpiration]) async throws -> (files: [StagedFile], requests: Int) {
        var files = planned.map(\.staged)
        var requests = 0
        var firstError: (any Error)?
        let width = max(1, client.configuration.maxConcurrentRequests)
        try FileDigest.makeDirectories(layout.stagingDirectory(for: job))
        await withTaskGroup(of: (Int, Result<(StagedFile, Int), any Error>).self) { group in
            var next = 0
            func startNext() {
                while next < planned.count && planned[next].staged != nil { next += 1 }
                guard next < planned.count, firstError == nil else { return }
                let index = next, expiration = planned[index]
                next += 1
                group.addTask {
                    do { return (index, .success(try await self.stageOne(job, expiration))) } catch { return (index, .failure(error)) }
                }
            }
            for _ in 0..<width { startNext() }
            while let (index, result) = await group.next() {
                switch result {
                case .success(let (file, made)):
                    files[index] = file
                    requests += made
                case .failure(let error):
                    if firstError == nil { firstError = error }
                }
                startNext()
            }
        }
        if let firstError { throw firstError }
        return (files.map { $0! }, requests)
    }

    /// Fetches one expiration into its staging file and records it staged.
    func stageOne(_ job: DayJob, _ e: PlannedExpiration) async throws -> (StagedFile, Int) {
        var row = pending(job, e)
        row.attempts += 1
        let staging = try StagingFile(path: e.path, dataset: job.dataset)
        do {
            var rows = 0
            let summary = try await client.history(dataset: job.dataset, root: e.root, expiration: Self.compact(e.expiration),
                                                   date: job.compactDate, intervalMs: job.intervalMs) { event in
                switch event {
                case .rows(let batch):
                    try staging.append(batch)
                    rows += batch.count
                    progress(.rows(job, root: e.root, expiration: e.expiration, rows: rows, bytes: staging.bytesWritten))
                case .restart:
                    try staging.restart()
                    rows = 0
                }
            }
            let file = try StagingSorter.sort(try staging.finish())
            row.status = .staged
            row.rowCount = Int64(file.rows)
            row.stagedPath = file.path
            row.sha256 = file.sha256
            row.bytes = file.bytes
            row.updatedAt = Timestamps.now()
            try store.save([row])
            if summary.report.malformedRows > 0 { try recordMalformed(job, e, summary.report) }
            progress(.staged(job, root: e.root, expiration: e.expiration, rows: file.rows))
            return (file, summary.requests)
        } catch {
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
