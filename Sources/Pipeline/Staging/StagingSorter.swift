#if canImport(Glibc)
import Glibc
#endif
import Crypto

/// Puts one staging file's lines in archive order when the Terminal sent them otherwise.
///
/// It holds one expiration in memory (the largest, a 0DTE SPXW chain at one minute, is about
/// 70 MB of NDJSON), never a day; files already in order, the usual case, are not touched.
enum StagingSorter {
    static func sort(_ file: StagedFile) throws(StagingError) -> StagedFile {
        guard !file.inOrder else { return file }
        let bytes = try readWhole(file.path)
        var lines: [(key: (root: ArraySlice<UInt8>, order: RowOrderKey), range: Range<Int>)] = []
        lines.reserveCapacity(file.rows)
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            guard let key = Self.key(bytes[start..<end]) else {
                throw StagingError(message: "\(file.path): line \(lines.count + 1) is not a staging line")
            }
            lines.append((key, start..<min(end + 1, bytes.count)))
            start = end + 1
        }
        // Stable, so rows with equal keys keep the Terminal's order.
        let order = lines.indices.sorted { a, b in
            let x = lines[a].key, y = lines[b].key
            if x.root != y.root { return x.root.lexicographicallyPrecedes(y.root) }
            if x.order != y.order { return x.order < y.order }
            return a < b
        }
        var sorted: [UInt8] = []
        sorted.reserveCapacity(bytes.count)
        for i in order { sorted += bytes[lines[i].range] }
        try FileDigest.replace(file.path, with: sorted)
        var hasher = SHA256()
        hasher.update(data: sorted)
        return StagedFile(path: file.path, rows: lines.count, bytes: Int64(sorted.count),
                          sha256: FileDigest.hex(hasher.finalize()), inOrder: true)
    }

    /// The order key of a canonical staging line: root, expiration, strike, right, date, ms.
    static func key(_ line: ArraySlice<UInt8>) -> (root: ArraySlice<UInt8>, order: RowOrderKey)? {
        var i = line.startIndex
        func value(after key: String) -> ArraySlice<UInt8>? {
            let pattern = Array("\"\(key)\":".utf8)
            guard line[i...].starts(with: pattern) else { return nil }
            i += pattern.count
            let start = i
            if i < line.endIndex && line[i] == UInt8(ascii: "\"") {
                i += 1
                while i < line.endIndex && line[i] != UInt8(ascii: "\"") { i += line[i] == UInt8(ascii: "\\") ? 2 : 1 }
                i += 1
            } else {
                while i < line.endIndex && line[i] != UInt8(ascii: ",") && line[i] != UInt8(ascii: "}") { i += 1 }
            }
            guard i <= line.endIndex else { return nil }
            let text = line[start..<i]
            if i < line.endIndex { i += 1 }  // the comma
            return text
        }
        func number(_ text: ArraySlice<UInt8>?) -> Int64? { text.flatMap { Int64(String(decoding: $0, as: UTF8.self)) } }
        guard line.first == UInt8(ascii: "{") else { return nil }
        i += 1
        guard let root = value(after: "root"), let expiration = number(value(after: "expiration")),
              let strike = number(value(after: "strike")), let right = value(after: "right"), right.count == 3,
              let date = number(value(after: "date")), let time = number(value(after: "ms_of_day"))
        else { return nil }
        return (root, RowOrderKey(expiration: Int32(truncatingIfNeeded: expiration), strike: strike, right: right[right.startIndex + 1],
                                  date: Int32(truncatingIfNeeded: date), time: Int32(truncatingIfNeeded: time)))
    }

    static func readWhole(_ path: String) throws(StagingError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StagingError.system("cannot open", path) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StagingError.system("cannot stat", path) }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw StagingError.system("cannot read", path) }
            done += n
        }
        return bytes
    }
}
