#if canImport(Glibc)
import Glibc
#endif

/// Streams a file line by line in fixed-size reads; memory stays at one chunk plus the
/// longest line. Lines inside a chunk are handed over in place, without copying.
public enum NDJSONLineReader {
    public static let defaultChunkSize = 4 << 20
    public static let defaultMaxLineBytes = 16 << 20

    /// Calls `body` with each line (without its `\n` or `\r\n`) and its 1-based number.
    public static func forEachLine(
        path: String, chunkSize: Int = defaultChunkSize, maxLineBytes: Int = defaultMaxLineBytes,
        _ body: (UnsafeRawBufferPointer, Int) throws -> Void
    ) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw NDJSONError(.io, "cannot open \(path): \(String(cString: strerror(errno)))", line: 0)
        }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: max(chunkSize, 1))
        var start = 0, end = 0
        var lineNumber = 0
        var eof = false
        try buffer.withUnsafeMutableBytes { initial in
            var raw = initial
            defer { if raw.baseAddress != initial.baseAddress { raw.deallocate() } }
            func emit(_ from: Int, _ to: Int) throws {
                lineNumber += 1
                var stop = to
                if stop > from && raw[stop - 1] == 0x0D { stop -= 1 }
                try body(UnsafeRawBufferPointer(rebasing: raw[from..<stop]), lineNumber)
            }
            while true {
                // Hand over every complete line in the buffer.
                while start < end, let nl = memchr(raw.baseAddress! + start, 0x0A, end - start) {
                    let index = raw.baseAddress!.distance(to: nl)
                    try emit(start, index)
                    start = index + 1
                }
                if eof {
                    if start < end { try emit(start, end) }
                    return
                }
                // Keep the partial line, then read more behind it.
                if start > 0 {
                    if end > start { memmove(raw.baseAddress!, raw.baseAddress! + start, end - start) }
                    end -= start
                    start = 0
                }
                if end == raw.count {
                    guard raw.count < maxLineBytes else {
                        throw NDJSONError(.lineTooLong, "the line is longer than \(maxLineBytes) bytes; is this NDJSON?", line: lineNumber + 1)
                    }
                    let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: min(raw.count * 2, maxLineBytes), alignment: 1)
                    grown.copyMemory(from: UnsafeRawBufferPointer(raw))
                    if raw.baseAddress != initial.baseAddress { raw.deallocate() }
                    raw = grown
                }
                let n = read(fd, raw.baseAddress! + end, raw.count - end)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw NDJSONError(.io, "reading \(path) failed: \(String(cString: strerror(errno)))", line: lineNumber + 1)
                }
                if n == 0 { eof = true } else { end += n }
            }
        }
    }
}
