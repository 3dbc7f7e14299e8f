#if canImport(Glibc)
import Glibc
#endif
import HealthCheck
public import Quality
public import MarketCalendar
public import StateStore
public import ThetaData

/// Archives trading days: plan the expirations, stage each as NDJSON, convert the staged
/// files into one Parquet file, verify it and commit it atomically, recording every step in
/// the ledger so `status` in another terminal shows progress and a rerun resumes.
///
/// Days may run concurrently on one processor: they share its client, hence one limit on
/// requests in flight.
public final class DayProcessor: Sendable {
    public let client: ThetaDataClient
    public let store: StateStore
    public let layout: ArchiveLayout
    public let calendar: NYSECalendar
    /// Processing stops before a day when less than this is free (`processing.minFreeDiskGB`).
    public let minFreeBytes: UInt64
    /// Recorded in each file's metadata: the API version and the Terminal's address.
    public let source: String
    /// The client's API version: it decides which of a dataset's columns a file holds.
    var version: APIVersion { client.configuration.apiVersion }
    /// What the subscription covers and when the vendor has a day (see `VendorLimits`).
    public let limits: VendorLimits
    /// What the content checks compare with (`quality.*`).
    public let qualityThresholds: QualityThresholds
    let progress: @Sendable (DayProgress) -> Void

    public init(client: ThetaDataClient, store: StateStore, layout: ArchiveLayout, calendar: NYSECalendar = .nyse,
                minFreeBytes: UInt64 = 0, limits: VendorLimits = .none, qualityThresholds: QualityThresholds = QualityThresholds(),
                progress: @escaping @Sendable (DayProgress) -> Void = { _ in }) {
        self.qualityThresholds = qualityThresholds
        self.client = client
        self.store = store
        self.layout = layout
        self.calendar = calendar
        self.minFreeBytes = minFreeBytes
        self.limits = limits
        source = "\(client.configuration.apiVersion.rawValue) \(client.configuration.baseURL)"
        self.progress = progress
    }

    /// Archives one day. A non-session, a day before the subscription's history and a day the
    /// vendor has not published yet (unless the job ignores that) are refused before anything
    /// is written; any other failure leaves no file in the archive, marks the day failed in
    /// the ledger and keeps the expirations already staged for the next attempt.
    public func process(_ job: DayJob) async throws(DayFailure) -> DayResult {
        guard let session = calendar.session(on: job.date) else {
            let why = calendar.holiday(on: job.date).map { "it is \($0.name)" } ?? "it is a weekend"
            throw DayFailure(.notASession, "\(job.date) is not an NYSE session: \(why)",
                             remediation: "Pick a trading day; `spx-data calendar --from \(job.date)` lists the sessions.")
        }
        if let refusal = limits.refusal(job, session: session) { throw refusal }
        let early = limits.isUnpublished(session)
        let started = ContinuousClock.now
        var record = try claim(job)
        CrashPoint.claimed.reach()
        do {
            try checkDisk(job)
            var result = try await run(job, started: started)
            result.archivedEarly = early
            record.status = .success
            record.completedAt = Timestamps.now()
            record.recordCount = result.rows
            record.expirationCount = result.expirations
            record.fileSizeBytes = result.bytes
            record.checksum = result.sha256
            // Asked before the vendor published the day (forced): kept, and marked so the gap
            // engine asks again once it is published, since the vendor may have had part of it.
            record.errorMessage = early ? limits.earlyNote(job, session: session) : nil
            record.errorType = early ? VendorLimits.archivedEarly : nil
            record.processingDurationMs = Int64(result.seconds * 1000)
            record.apiRequestsMade = result.requests
            record.tempFileSizeBytes = result.stagedBytes
            record.memoryPeakMb = result.peakMemoryMB
            record.processId = nil
            record.updatedAt = Timestamps.now()
            try store.save([record])
            CrashPoint.recordedSuccess.reach()
            try store.record(metrics: metrics(job, result))
            if let quality = result.quality {
                let (record, checks) = QualityLedger.records(quality, contentHash: result.contentHash)
                try store.save(quality: record, checks: checks)
            }
            try store.resolveErrors(symbol: job.symbol, dataset: job.dataset.name, date: job.date.description,
                                    method: "\(job.retryOf == nil ? "" : "retry ")succeeded on attempt \(record.retryCount + 1)")
            removeStaging(job, result.stagedPaths)
            CrashPoint.stagingRemoved.reach()
            progress(.committed(job, result))
            return result
        } catch {
            let failure = limits.explained(DayFailure.wrapping(error, while: "\(job.symbol) \(job.dataset) \(job.date)"),
                                           job, session: session)
            record.status = .failed
            record.completedAt = Timestamps.now()
            record.errorMessage = failure.description
            record.errorType = failure.errorType
            record.processId = nil
            record.updatedAt = Timestamps.now()
            try? store.recordFailure(record, error: ErrorRecord(
                symbol: job.symbol, dataset: job.dataset.name, date: job.date.description, errorType: failure.errorType,
                errorMessage: failure.description, retryAttempt: record.retryCount,
                contextData: job.retryOf.map { "{\"retry_of\":\"\($0)\"}" }))
            progress(.failed(job, failure))
            throw failure
        }
    }

    /// The day's ledger row, now `processing` by this process (a rerun after a failure
    /// counts as an attempt); refused when another live process is working on the day.
    private func claim(_ job: DayJob) throws(DayFailure) -> ProcessingRecord {
        let claim: Claim
        do {
            claim = try store.claim(symbol: job.symbol, dataset: job.dataset.name, date: job.date.description,
                                    processId: getpid())
        } catch {
            throw DayFailure(.ledger, "cannot record \(job.symbol) \(job.date) as processing: \(error)",
                             remediation: "Run `spx-data health` to check the ledger.")
        }
        switch claim {
        case .claimed(let record, let recovered):
            if let recovered { progress(.recovered(job, processId: recovered)) }
            return record
        case .busy(let holder):
            throw DayFailure(.busy, "\(job.symbol) \(job.dataset) \(job.date) is being processed by process \(holder.processId ?? 0) "
                             + "since \(holder.startedAt ?? "an unknown time")",
                             remediation: "Wait for it to finish, or run `spx-data stop` to stop it gracefully.")
        }
    }

    /// Stops before a day when the disk cannot hold it: the estimate (staging plus file,
    /// from the ledger's average day) plus half again, and never less than `minFreeBytes`.
    private func checkDisk(_ job: DayJob) throws {
        let averages = try? store.successAverages(symbol: job.symbol, dataset: job.dataset.name)
        // Staged NDJSON runs about 16 times the Parquet file (305 MB for 19.4 MB measured).
        let estimate = UInt64((averages?.bytes ?? 0) * 17)
        let needed = max(minFreeBytes, estimate + estimate / 2)
        for path in [layout.stagingDirectory, layout.outputDirectory] {
            guard let space = DiskSpace.of(path) else { continue }
            if !space.hasAtLeast(needed) {
                throw DayFailure(.diskSpace, "\(space.measuredPath) has \(Self.gb(space.availableBytes)) free but \(job.symbol) \(job.date) needs \(Self.gb(needed)) "
                                 + "(estimated day \(Self.gb(estimate)) plus 50%, at least processing.minFreeDiskGB)",
                                 remediation: "Free space, move processing.outputDirectory or processing.tempDirectory, or lower processing.minFreeDiskGB.")
            }
        }
    }

    static func gb(_ bytes: UInt64) -> String {
        let value = Double(bytes) / 1e9
        return value < 10 ? "\((value * 100).rounded() / 100) GB" : "\(Int(value.rounded())) GB"
    }

    private func metrics(_ job: DayJob, _ result: DayResult) -> [MetricRecord] {
        func metric(_ name: String, _ value: Double, _ unit: String) -> MetricRecord {
            MetricRecord(symbol: job.symbol, dataset: job.dataset.name, date: job.date.description, metricName: name,
                         metricValue: value, unit: unit)
        }
        let seconds = max(result.seconds, 1e-6)
        return [
            metric("rows_per_second", Double(result.rows) / seconds, "rows/s"),
            metric("megabytes_per_second", Double(result.stagedBytes) / seconds / 1e6, "MB/s"),
            metric("duration", seconds, "s"),
            metric("peak_memory", Double(result.peakMemoryMB), "MB"),
            metric("api_requests", Double(result.requests), "requests"),
            metric("quiet_rows", Double(result.quietRows), "rows"),
            metric("quiet_share", result.quietShare, "fraction"),
            metric("empty_expirations", Double(result.emptyExpirations), "expirations"),
        ]
    }
}
