#if canImport(Glibc)
import Glibc
#endif
import ArchiveFormat
import Crypto
import Dispatch
import Foundation
import MarketCalendar
import Parquet
import StateStore
import Synchronization
import ThetaData

extension DayProcessor {
    /// Plan, then stage and convert at once (the conversion takes each expiration, in
    /// order, as soon as it is staged, so both cores work), verify, commit.
    func run(_ job: DayJob, started: ContinuousClock.Instant) async throws -> DayResult {
        let planned = try await plan(job)
        let inputs = DayInputs(count: planned.count)
        for (index, expiration) in planned.enumerated() {
            if let staged = expiration.staged { inputs.complete(index, staged) }
        }
        let final = layout.file(for: job)
        let directory = String(final[..<final.lastIndex(of: "/")!])
        try FileDigest.makeDirectories(directory)
        Self.removeAbandoned(final)
        let incoming = IncomingFile(final: final)
        if !incoming.isUnnamed { InFlightFiles.register(incoming.path) }
        defer {
            incoming.close()
            InFlightFiles.unregister(incoming.path)
        }
        let quietRows = QuietRowCounter()
        let conversion = startConversion(job, inputs.files, to: incoming.path, quietRows: quietRows,
                                         finalMetadata: { self.metadata(job, inputs.staged) })
        do {
            let (files, requests) = try await stage(job, planned, into: inputs)
            progress(.converting(job, rows: files.reduce(0) { $0 + Int64($1.rows) }))
            let summary = try await conversion.value.get()
            CrashPoint.converted.reach()
            let rows = files.reduce(Int64(0)) { $0 + Int64($1.rows) }
            guard summary.rows == rows else {
                throw DayFailure(.conversion, "converted \(summary.rows) rows but \(rows) were staged",
                                 remediation: "Delete the day's staging directory and process the date again.")
            }
            progress(.verifying(job))
            let sha256 = try verify(incoming.path, expectedRows: rows)
            CrashPoint.verified.reach()
            let contentHash = Self.contentHash(files)
            let quality = try judge(job, path: incoming.path, sha256: sha256, contentHash: contentHash)
            try incoming.commit()
            CrashPoint.renamed.reach()
            try Durability.syncDirectory(of: final)
            CrashPoint.directorySynced.reach()
            try FileDigest.writeSidecar(for: final, sha256: sha256)
            CrashPoint.sidecarWritten.reach()
            let elapsed = ContinuousClock.now - started
            return DayResult(path: final, rows: rows, bytes: Self.size(final), sha256: sha256, expirations: files.count,
                             expirationsFetched: planned.count { $0.staged == nil },
                             emptyExpirations: files.count { $0.rows == 0 }, quietRows: Int64(quietRows.count),
                             requests: requests,
                             stagedBytes: files.reduce(Int64(0)) { $0 + $1.bytes },
                             seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                             peakMemoryMB: ProcessMemory.peakMB(), quality: quality, contentHash: contentHash,
                             stagedPaths: files.map(\.path))
        } catch {
            inputs.files.abandon()
            _ = await conversion.value
            throw error
        }
    }

    /// The day's staged files, handed to the running conversion as each is complete. A file
    /// is recorded before it is handed on, so once the conversion has read them all, `staged`
    /// holds every one (the footer's row count and content hash need them).
    final class DayInputs: Sendable {
        let files: InputFiles
        private let recorded: Mutex<[StagedFile?]>

        init(count: Int) {
            files = InputFiles(count: count)
            recorded = Mutex(Array(repeating: nil, count: count))
        }

        func complete(_ index: Int, _ file: StagedFile) {
            recorded.withLock { $0[index] = file }
            files.provide(index, file.path)
        }

        var staged: [StagedFile] { recorded.withLock { $0.compactMap { $0 } } }
    }

    /// Streams the staged files, in archive order and as they come, into the shaped file at
    /// `path`, on a thread of its own: the conversion is long and synchronous.
    private func startConversion(_ job: DayJob, _ inputs: InputFiles, to path: String, quietRows: QuietRowCounter,
                                 finalMetadata: @escaping @Sendable () -> [KeyValue]) -> Task<Result<ConversionSummary, any Error>, Never> {
        var options = ConversionOptions()
        options.threads = 2
        options.shaping = ArchiveShape.shaping(for: job.dataset, version: version, quietRows: quietRows)
        options.writer.filePermissions = 0o600
        options.unknownKeys = .reject
        options.writer.keyValueMetadata = metadata(job)
        let converter = NDJSONConverter(schema: .staging(job.dataset, version), options: options)
        return Task {
            await withCheckedContinuation { done in
                DispatchQueue.global().async {
                    done.resume(returning: Result {
                        try converter.convert(files: inputs, writingTo: path, finalMetadata: finalMetadata)
                    })
                }
            }
        }
    }

    /// Re-opens the file: footer, every page CRC and the row count; returns its SHA-256.
    private func verify(_ path: String, expectedRows: Int64) throws -> String {
        let report = ParquetVerifier.verify(path: path)
        guard report.isValid else {
            throw DayFailure(.verification, "the new file \(path) does not verify: \(report.problems.prefix(3).map(\.description).joined(separator: "; "))",
                             remediation: "Process the date again; if it repeats, report it with `spx-data errors`.")
        }
        guard report.rows == expectedRows else {
            throw DayFailure(.verification, "the new file \(path) holds \(report.rows) rows, the staged files \(expectedRows)",
                             remediation: "Delete the day's staging directory and process the date again.")
        }
        return try FileDigest.sha256(of: path)
    }

    /// The footer's key-value metadata known when the conversion starts.
    private func metadata(_ job: DayJob) -> [KeyValue] {
        [
            KeyValue(ArchiveFooter.Key.version, ParquetWriterOptions.defaultCreatedBy),
            KeyValue(ArchiveFooter.Key.schemaVersion, String(ArchiveSchemaVersion.current)),
            KeyValue(ArchiveFooter.Key.source, source),
            KeyValue(ArchiveFooter.Key.dataset, job.dataset.name),
            KeyValue(ArchiveFooter.Key.symbol, job.symbol),
            KeyValue(ArchiveFooter.Key.date, job.date.description),
            KeyValue(ArchiveFooter.Key.intervalMs, String(job.intervalMs)),
            KeyValue(ArchiveFooter.Key.createdAt, Timestamps.now()),
        ]
    }

    /// The rest, known once every expiration is staged: the row count and a content hash
    /// over the staged files' hashes in order, so two files built from the same rows carry
    /// the same value.
    func metadata(_ job: DayJob, _ files: [StagedFile]) -> [KeyValue] {
        [
            KeyValue(ArchiveFooter.Key.rows, String(files.reduce(0) { $0 + $1.rows })),
            KeyValue(ArchiveFooter.Key.contentSHA256, Self.contentHash(files)),
        ]
    }

    /// A hash over the staged files' hashes in order: equal for two days made of the same rows.
    static func contentHash(_ files: [StagedFile]) -> String {
        var content = SHA256()
        for file in files { content.update(data: Array(file.sha256.utf8)) }
        return FileDigest.hex(content.finalize())
    }

    /// Staging is removed once the ledger has the day as archived (until then a crash must
    /// find it to resume without asking the Terminal again); what fails to go is only disk space.
    /// Files of the day's directory that the day was not made from go too: staged for other
    /// columns (another API version or archive schema), they can never be used.
    func removeStaging(_ job: DayJob, _ paths: [String]) {
        for path in paths { unlink(path) }
        var directory = layout.stagingDirectory(for: job)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in leftovers where name.hasSuffix(".ndjson") || name.hasSuffix(".ndjson.partial") {
            unlink(directory + "/" + name)
        }
        // The dataset, date and symbol directories, while empty.
        for _ in 0..<3 {
            guard rmdir(directory) == 0, let slash = directory.lastIndex(of: "/") else { break }
            directory = String(directory[..<slash])
        }
    }

    /// Removes `FINAL.tmp-PID` files a crashed run left, when process PID is gone, so no
    /// partial file outlives its writer in the archive tree.
    static func removeAbandoned(_ final: String) {
        guard let slash = final.lastIndex(of: "/"), let directory = opendir(String(final[..<slash])) else { return }
        defer { closedir(directory) }
        let prefix = String(final[final.index(after: slash)...]) + ".tmp-"
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            let path = String(final[...slash]) + name
            if name.hasPrefix(prefix), ArchiveCleanup.isDeadProcessTemporary(path) { unlink(path) }
        }
    }

    static func size(_ path: String) -> Int64 {
        var st = stat()
        return stat(path, &st) == 0 ? Int64(st.st_size) : 0
    }
}
