#if canImport(Glibc)
import Glibc
#endif
import MarketCalendar
import StateStore
import ThetaData

/// One expiration of a day, and its staged file when an earlier run finished it.
struct PlannedExpiration: Sendable {
    var root: String
    var expiration: CivilDate
    var path: String
    var staged: StagedFile?
    var attempts: Int
    /// Contracts the Terminal listed for the expiration: what the day's completeness is judged against.
    var contractsListed: Int
}

extension DayProcessor {
    /// The expirations alive on the day (listed by the Terminal's contracts endpoint, on or
    /// after the date), root by root in archive order, recorded as pending unless an earlier
    /// run staged them and their file is still whole.
    func plan(_ job: DayJob) async throws -> [PlannedExpiration] {
        let recorded = try store.expirationProgress(symbol: job.symbol, dataset: job.dataset.name, date: job.date.description)
        var previous: [String: ExpirationProgress] = [:]
        for row in recorded { previous["\(row.root) \(row.expiration)"] = row }
        var planned: [PlannedExpiration] = []
        for root in job.roots {
            let contracts: [ContractKey]
            do {
                let listing = try await client.listContracts(on: job.compactDate, root: root)
                contracts = listing.contracts
                try recordRetried(job, of: "the \(root) contract list", listing.retried, resolution: "retried by the client; the list arrived")
            } catch let error as ThetaDataError {
                try? recordRetried(job, of: "the \(root) contract list", error.retried, resolution: nil)
                throw error
            }
            var listed: [Int32: Int] = [:]
            for contract in contracts where contract.expiration >= job.compactDate { listed[contract.expiration, default: 0] += 1 }
            for compact in listed.keys.sorted() {
                let n = Int(compact)
                guard let expiration = CivilDate(year: n / 10_000, month: n / 100 % 100, day: n % 100) else { continue }
                let path = layout.stagingFile(for: job, root: root, expiration: expiration, version: version)
                let before = previous["\(root) \(expiration)"]
                planned.append(PlannedExpiration(root: root, expiration: expiration, path: path,
                                                 staged: Self.reusable(before, path: path), attempts: before?.attempts ?? 0,
                                                 contractsListed: listed[compact] ?? 0))
            }
        }
        guard !planned.isEmpty else {
            throw DayFailure(.terminal, "the Terminal lists no \(job.roots.joined(separator: "/")) contracts on \(job.date)",
                             remediation: "Check that your subscription covers that date and symbol.", terminalCode: .noData)
        }
        CrashPoint.listed.reach()
        try store.save(planned.filter { $0.staged == nil }.map { pending(job, $0) })
        CrashPoint.planned.reach()
        progress(.planned(job, expirations: planned.count, alreadyStaged: planned.count { $0.staged != nil }))
        return planned
    }

    /// A staged file from an earlier run, if the ledger says staged and the file on disk has
    /// the recorded size (its hash is checked again when the day is converted).
    static func reusable(_ row: ExpirationProgress?, path: String) -> StagedFile? {
        guard let row, row.status == .staged || row.status == .empty, row.stagedPath == path, let rows = row.rowCount, let bytes = row.bytes,
              let sha = row.sha256 else { return nil }
        var st = stat()
        guard stat(path, &st) == 0, Int64(st.st_size) == bytes else { return nil }
        return StagedFile(path: path, rows: Int(rows), bytes: bytes, sha256: sha)
    }

    func pending(_ job: DayJob, _ e: PlannedExpiration) -> ExpirationProgress {
        ExpirationProgress(symbol: job.symbol, dataset: job.dataset.name, date: job.date.description, root: e.root,
                           expiration: e.expiration.description, status: .pending, attempts: e.attempts,
                           contractsListed: e.contractsListed)
    }
}
