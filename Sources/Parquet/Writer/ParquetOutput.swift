#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a writer's bytes go. Writes are sequential; `position` is the file offset of the next byte.
public protocol ParquetOutput: AnyObject {
    var position: Int64 { get }
    func write(_ bytes: UnsafeRawBufferPointer) throws(ParquetError)
    /// Flushes buffers and, for files, fsyncs when asked; the output is then complete.
    func finish(sync: Bool) throws(ParquetError)
}

/// An in-memory output, for tests and small files.
public final class MemoryOutput: ParquetOutput {
    public private(set) var bytes: [UInt8] = []
    public init() {}
    public var position: Int64 { Int64(bytes.count) }
    public func write(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) { self.bytes.append(contentsOf: bytes) }
    public func finish(sync: Bool) throws(ParquetError) {}
}

/// A file output with a write buffer, so pages of a few hundred bytes do not each cost a syscall.
public final class FileOutput: ParquetOutput {
    public let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let bufferLimit = 1 << 20
    public private(set) var position: Int64 = 0

    /// Creates (or truncates) `path` with `permissions`.
    public init(path: String, permissions: UInt32 = 0o644) throws(ParquetError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(permissions))
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw ParquetError(.io, "cannot create the file: \(reason); check that the directory exists and is writable", path: path)
        }
        buffer.reserveCapacity(bufferLimit)
    }

    deinit { if fd >= 0 { close(fd) } }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) {
        position += Int64(bytes.count)
        if buffer.count + bytes.count > bufferLimit { try flush() }
        if bytes.count >= bufferLimit {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    private func flush() throws(ParquetError) {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytesTyped { (raw) throws(ParquetError) in try writeAll(raw) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw ParquetError(.io, "write failed: \(reason)", path: path)
            }
            offset += n
        }
    }

    public func finish(sync: Bool) throws(ParquetError) {
        try flush()
        if sync && fsync(fd) != 0 {
            throw ParquetError(.io, "fsync failed: \(String(cString: strerror(errno)))", path: path)
        }
        if close(fd) != 0 {
            fd = -1
            throw ParquetError(.io, "close failed: \(String(cString: strerror(errno)))", path: path)
        }
        fd = -1
    }
}
