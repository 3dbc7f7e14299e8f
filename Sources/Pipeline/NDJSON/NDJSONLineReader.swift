#if canImport(Glibc)
import Glibc
#endif

/// Splits NDJSON input into lines and hands each to a closure, numbered from 1.
///
/// A file is read with `read(2)` in fixed-size chunks; lines that lie inside a chunk are
/// handed over in place, without copying. Only a line that spans two chunks is moved to the
/// front of the buffer to be completed by the next read. Memory stays at one chunk, or at
/// the longest line when that is larger, and never beyond `maxLineBytes` plus its newline.
///
/// Lines end with `\n`; a `\r` before it is dropped too, and the last line needs no
/// newline. Lines are passed without their ending, blank ones included (see
/// `NDJSONBatchDecoder.isBlank`). The buffer is only valid during the call.
public enum NDJSONLineReader {
    /// Bytes read from a file at a time: 4 MiB.
    public static let defaultChunkSize = 4 << 20
    /// The longest line accepted: 16 MiB, far beyond any row, so only a file that is not
    /// NDJSON (or has lost its newlines) reaches it.
    public static let defaultMaxLineBytes = 16 << 20

    /// Calls `body` with each line of the file at `path` and its 1-based number.
    ///
    /// - Throws: `NDJSONError` with code `.io` naming the path and the system's reason when
    ///   the file cannot be opened or read, `.lineTooLong` naming the line when one exceeds
    ///   `maxLineBytes` (its ending not counted), and whatever `body` throws.
    public static func forEachLine(
        path: String, chunkSize: Int = defaultChunkSize, maxLineBytes: Int = defaultMaxLineBytes,
        _ body: (UnsafeRawBufferPointer, Int) throws -> Void
    ) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw NDJSONError(.io, "cannot open \(path): \(String(cString: strerror(errno)))", line: 0)
        }
        defer { close(fd) }
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)

        let maxLineBytes = min(max(maxLineBytes, 0), Int.max / 4)
        // Room for a line of `maxLineBytes` plus "\r\n", so that an over-long line is
        // recognised before the buffer has to grow past that.
        let limit = maxLineBytes + 2
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(chunkSize, 1), alignment: 16)
        // Lines are read as bytes; binding says so to the compiler.
        _ = buffer.bindMemory(to: UInt8.self)
        defer { buffer.deallocate() }
        var start = 0, end = 0, lineNumber = 0

        while true {
            let n = read(fd, buffer.baseAddress.unsafelyUnwrapped + end, buffer.count - end)
            if n < 0 {
                if errno == EINTR { continue }
                throw NDJSONError(.io, "reading \(path) failed: \(String(cString: strerror(errno)))", line: lineNumber + 1)
            }
            if n == 0 {
                if start < end {
                    try emit(UnsafeRawBufferPointer(rebasing: buffer[start..<end]), &lineNumber, maxLineBytes, body)
                }
                return
            }
            end += n
            start = try splitLines(UnsafeRawBufferPointer(rebasing: buffer[..<end]), from: start, &lineNumber, maxLineBytes, body)
            let partial = end - start
            if partial > maxLineBytes + 1 {
                throw tooLong(line: lineNumber + 1, maxLineBytes)
            }
            if start > 0 {
                // Keep the unfinished line and read the rest of it behind it.
                if partial > 0 {
                    buffer.baseAddress.unsafelyUnwrapped.copyMemory(
                        from: buffer.baseAddress.unsafelyUnwrapped + start, byteCount: partial)
                }
                start = 0
                end = partial
            } else if end == buffer.count {
                // One line fills the whole buffer: grow it, up to the limit.
                let grown = UnsafeMutableRawBufferPointer.allocate(
                    byteCount: min(max(buffer.count * 2, buffer.count + 1), limit), alignment: 16)
                _ = grown.bindMemory(to: UInt8.self)
                grown.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = grown
            }
        }
    }

    /// Calls `body` with each line of `bytes` and its 1-based number.
    public static func forEachLine(
        in bytes: UnsafeRawBufferPointer, maxLineBytes: Int = defaultMaxLineBytes,
        _ body: (UnsafeRawBufferPointer, Int) throws -> Void
    ) throws {
        var lineNumber = 0
        let start = try splitLines(bytes, from: 0, &lineNumber, maxLineBytes, body)
        if start < bytes.count {
            try emit(UnsafeRawBufferPointer(rebasing: bytes[start...]), &lineNumber, maxLineBytes, body)
        }
    }

    /// Calls `body` with each line of `bytes` and its 1-based number.
    public static func forEachLine(
        in bytes: [UInt8], maxLineBytes: Int = defaultMaxLineBytes,
        _ body: (UnsafeRawBufferPointer, Int) throws -> Void
    ) throws {
        try bytes.withUnsafeBytes { raw in try forEachLine(in: raw, maxLineBytes: maxLineBytes, body) }
    }

    /// Emits every complete line of `bytes` from `start` on; returns where the unfinished
    /// last line (with no `\n` yet) begins.
    private static func splitLines(
        _ bytes: UnsafeRawBufferPointer, from start: Int, _ lineNumber: inout Int, _ maxLineBytes: Int,
        _ body: (UnsafeRawBufferPointer, Int) throws -> Void
    ) throws -> Int {
        guard let base = bytes.baseAddress else { return start }
        var start = start
        while start < bytes.count, let newline = memchr(base + start, 0x0A, bytes.count - start) {
            let stop = base.distance(to: UnsafeRawPointer(newline))
            try emit(UnsafeRawBufferPointer(rebasing: bytes[start..<stop]), &lineNumber, maxLineBytes, body)
            start = stop + 1
        }
        return start
    }

    @inline(__always)
    private static func emit(
        _ line: UnsafeRawBufferPointer, _ lineNumber: inout Int, _ maxLineBytes: Int,
        _ body: (UnsafeRawBufferPointer, Int) throws -> Void
    ) throws {
        lineNumber += 1
        var line = line
        if let last = line.last, last == 0x0D { line = UnsafeRawBufferPointer(rebasing: line.dropLast()) }
        guard line.count <= maxLineBytes else { throw tooLong(line: lineNumber, maxLineBytes) }
        try body(line, lineNumber)
    }

    private static func tooLong(line: Int, _ maxLineBytes: Int) -> NDJSONError {
        NDJSONError(.lineTooLong, "the line is longer than \(maxLineBytes) bytes; is the file NDJSON, one object per line?",
                    line: line)
    }
}
