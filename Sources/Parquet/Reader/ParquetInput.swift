#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random-access bytes a reader works from.
public protocol ParquetInput: AnyObject {
    var size: Int64 { get }
    /// Exactly `count` bytes at `offset`; the reader checks ranges against `size` first.
    func read(at offset: Int64, count: Int) throws(ParquetError) -> [UInt8]
}

public final class MemoryInput: ParquetInput {
    public let bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var size: Int64 { Int64(bytes.count) }
    public func read(at offset: Int64, count: Int) throws(ParquetError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset + Int64(count) <= size else {
            throw ParquetError(.truncated, "read of \(count) bytes at \(offset) runs past the end (\(size) bytes)", at: .init(offset: offset))
        }
        return Array(bytes[Int(offset)..<Int(offset) + count])
    }
}

/// A file read with `pread`, so column chunks are fetched without moving a shared cursor.
public final class FileInput: ParquetInput {
    public let path: String
    private let fd: Int32
    public let size: Int64

    public init(path: String) throws(ParquetError) {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ParquetError(.io, "cannot open the file: \(String(cString: strerror(errno)))", path: path)
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw ParquetError(.io, "cannot stat the file: \(reason)", path: path)
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw ParquetError(.io, "not a regular file", path: path)
        }
        size = Int64(st.st_size)
    }

    deinit { close(fd) }

    public func read(at offset: Int64, count: Int) throws(ParquetError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset + Int64(count) <= size else {
            throw ParquetError(.truncated, "read of \(count) bytes at \(offset) runs past the end (\(size) bytes)",
                               at: .init(offset: offset), path: path)
        }
        var result = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = result.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ParquetError(.io, "read failed: \(String(cString: strerror(errno)))", at: .init(offset: offset + Int64(done)), path: path)
            }
            if n == 0 {
                throw ParquetError(.truncated, "the file ended while reading \(count) bytes at \(offset)", at: .init(offset: offset), path: path)
            }
            done += n
        }
        return result
    }
}
