#if canImport(Glibc)
import Glibc
#endif
import Crypto
public import ThetaData

/// What a finished staging file holds: its rows, bytes and the SHA-256 of its contents.
public struct StagedFile: Sendable, Equatable {
    public var path: String
    public var rows: Int
    public var bytes: Int64
    /// Lower-case hex.
    public var sha256: String
    /// Whether the rows are in archive order (expiration, strike, right, date, time); the
    /// Terminal sends them so, and a file that is not gets sorted before conversion.
    public var inOrder = true

    public init(path: String, rows: Int, bytes: Int64, sha256: String, inOrder: Bool = true) {
        self.path = path
        self.rows = rows
        self.bytes = bytes
        self.sha256 = sha256
        self.inOrder = inOrder
    }
}

/// Appends decoded rows to one expiration's NDJSON staging file.
///
/// Rows go to `PATH.partial`; `finish()` fsyncs it, renames it to `PATH` and fsyncs the
/// directory, so a file at `PATH` is always whole and a crash loses at most the expiration
/// being written. Lines are in the canonical form of `NDJSONSchema.staging(dataset, version)` (keys in
/// schema order, no spaces), the converter's fast path. The SHA-256 is computed as bytes are
/// written, so the file is never read back for it.
public final class StagingFile {
    public let path: String
    public let dataset: Dataset
    /// The API the rows come from: it decides which of the dataset's columns they carry.
    public let version: APIVersion
    private let partialPath: String
    private var fd: Int32
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var hasher = SHA256()
    private var rows = 0
    private var bytes: Int64 = 0
    private(set) var root = RootText()
    let keys: KeyTexts
    private var lastKey: RowOrderKey?
    private var inOrder = true

    static let flushBytes = 1 << 20
    static let capacity = flushBytes + (64 << 10)

    /// Creates (or truncates) `PATH.partial`, mode 0600.
    public init(path: String, dataset: Dataset, version: APIVersion) throws(StagingError) {
        self.path = path
        self.dataset = dataset
        self.version = version
        partialPath = path + ".partial"
        fd = open(partialPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StagingError.system("cannot create", partialPath) }
        buffer = .allocate(capacity: Self.capacity)
        keys = KeyTexts(NDJSONSchema.staging(dataset, version))
        // Room past `flushBytes` for the longest line: every key, the longest escaped root
        // and 32 bytes per value.
        precondition(keys.totalBytes + RootText.maxEscapedBytes + 32 * keys.count < Self.capacity - Self.flushBytes)
    }

    deinit {
        if fd >= 0 { close(fd) }
        buffer.deallocate()
    }

    /// Bytes written so far, including those not yet flushed.
    public var bytesWritten: Int64 { bytes + Int64(count) }

    /// Appends every row of `batch`.
    public func append(_ batch: OptionRowBatch) throws(StagingError) {
        let order = ValueOrder(dataset.columns(in: version), batch)
        precondition(batch.doubleColumns.count + batch.integerColumns.count == order.slots.count,
                     "a batch of another dataset than \(dataset) from \(version)")
        for r in 0..<batch.count {
            if count >= Self.flushBytes { try flush() }
            let contract = batch.contracts[r]
            if !root.matches(contract.root) {
                // A file holds one root; a second one breaks the order unless it sorts after.
                if rows > 0 && contract.root < root.text { inOrder = false }
                root = try RootText(contract.root)
                lastKey = nil
            }
            let key = RowOrderKey(contract, date: batch.dates[r], time: batch.times[r])
            if let lastKey, key < lastKey { inOrder = false }
            lastKey = key
            count += writeLine(batch, row: r, contract: contract, order: order, to: buffer + count)
            rows += 1
        }
    }

    /// Drops everything written so far (the client restarted the request).
    public func restart() throws(StagingError) {
        count = 0
        rows = 0
        bytes = 0
        hasher = SHA256()
        lastKey = nil
        inOrder = true
        guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0 else { throw StagingError.system("cannot truncate", partialPath) }
    }

    /// Flushes, fsyncs and renames the file into place; returns what it holds.
    public func finish() throws(StagingError) -> StagedFile {
        try flush()
        CrashPoint.beforeStagingSync.reach()
        guard fsync(fd) == 0 else { throw StagingError.system("cannot fsync", partialPath) }
        CrashPoint.stagingSynced.reach()
        close(fd)
        fd = -1
        guard rename(partialPath, path) == 0 else { throw StagingError.system("cannot rename into place", path) }
        try Durability.syncDirectory(of: path)
        CrashPoint.stagingRenamed.reach()
        let digest = FileDigest.hex(hasher.finalize())
        return StagedFile(path: path, rows: rows, bytes: bytes, sha256: digest, inOrder: inOrder)
    }

    /// Closes and removes the partial file.
    public func discard() {
        if fd >= 0 { close(fd) }
        fd = -1
        unlink(partialPath)
    }

    private func flush() throws(StagingError) {
        var start = 0
        while start < count {
            let n = write(fd, buffer + start, count - start)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw StagingError.system("cannot write", partialPath) }
            start += n
        }
        hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: count))
        bytes += Int64(count)
        count = 0
    }
}
