#if canImport(Glibc)
import Glibc
#endif
import Crypto

/// SHA-256 of files and the `sha256sum`-format sidecars beside them.
public enum FileDigest {
    /// The lower-case hex SHA-256 of the file at `path`, read in 1 MiB pieces.
    public static func sha256(of path: String) throws(StagingError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StagingError.system("cannot open", path) }
        defer { close(fd) }
        var hasher = SHA256()
        let size = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer, size)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw StagingError.system("cannot read", path) }
            if n == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: n))
        }
        return hex(hasher.finalize())
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest { out += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes `{path}.sha256` as `sha256sum` does (`HASH  NAME\n`, name relative to the
    /// sidecar, so `sha256sum -c` works from that directory), through a temporary file,
    /// fsync and rename.
    public static func writeSidecar(for path: String, sha256: String) throws(StagingError) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        try writeDurably("\(sha256)  \(name)\n", to: path + ".sha256")
    }

    /// The hash a sidecar names, or nil when it is missing or not in `sha256sum` format.
    public static func readSidecar(for path: String) -> String? {
        guard let file = fopen(path + ".sha256", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 512)
        guard fgets(&line, 512, file) != nil else { return nil }
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let hash = text.prefix(64)
        guard hash.count == 64, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        return String(hash)
    }

    /// Replaces `path` with `text` so a reader sees the old or the new content, never a part.
    static func writeDurably(_ text: String, to path: String) throws(StagingError) {
        try replace(path, with: Array(text.utf8))
    }

    /// Replaces `path` with `bytes` through a file without a name (see `IncomingFile`), fsync
    /// and link into place.
    static func replace(_ path: String, with bytes: [UInt8]) throws(StagingError) {
        let incoming = IncomingFile(final: path)
        defer { incoming.close() }
        let temporary = incoming.path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StagingError.system("cannot create", path) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            written += n
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced else { throw StagingError.system("cannot write", path) }
        try incoming.commit()
        try Durability.syncDirectory(of: path)
    }

    /// Creates `path` and its missing parents, owner-only (0700).
    public static func makeDirectories(_ path: String) throws(StagingError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw StagingError.system("cannot create directory", current)
            }
        }
    }
}
