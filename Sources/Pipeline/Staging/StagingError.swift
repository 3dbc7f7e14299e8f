#if canImport(Glibc)
import Glibc
#endif

/// A staging file could not be written; the message names the path and the cause.
public struct StagingError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(message: String) { self.message = message }

    static func system(_ what: String, _ path: String) -> StagingError {
        let code = errno
        var hint = ""
        if code == ENOSPC || code == EDQUOT { hint = "; free disk space or point processing.tempDir elsewhere" }
        if code == EACCES || code == EPERM { hint = "; make the directory writable by this user" }
        return StagingError(message: "\(what) \(path): \(String(cString: strerror(code)))\(hint)")
    }

    public var description: String { message }
}

/// fsync of a directory, so a rename inside it survives a crash.
enum Durability {
    static func syncDirectory(of path: String) throws(StagingError) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw StagingError.system("cannot open directory", directory) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw StagingError.system("cannot fsync directory", directory) }
    }
}
