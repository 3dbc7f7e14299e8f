#if canImport(Glibc)
import Glibc
#endif

/// A day file while it is written and verified, before it takes its final name.
///
/// Where the filesystem allows it, the file has no name at all (`O_TMPFILE` in the final
/// directory): whatever kills the process, even SIGKILL or a power cut, leaves nothing in the
/// archive tree, and the kernel frees the space. Writers and readers reach it through
/// `/proc/self/fd/N`; `commit` links it into place. Elsewhere it is `FINAL.tmp-PID`, which a
/// later run or `cleanup --temp-files` removes once this process is gone.
struct IncomingFile {
    let final: String
    /// Where to write and read the file until it is committed.
    let path: String
    private let descriptor: Int32?

    /// `O_TMPFILE` in Linux's own spelling: the C macro does not reach Swift.
    private static let unnamed = O_DIRECTORY | 0o20_000_000

    /// - Parameters:
    ///   - permissions: the mode the file is created with (less the umask).
    ///   - unnamed: false takes the named fallback even where unnamed files work (for tests).
    init(final: String, permissions: UInt32 = 0o600, unnamed: Bool = true) {
        self.final = final
        let directory = final.lastIndex(of: "/").map { String(final[..<$0]) } ?? "."
        let fd = unnamed ? open(directory.isEmpty ? "/" : directory, Self.unnamed | O_RDWR | O_CLOEXEC, mode_t(permissions)) : -1
        if fd >= 0 {
            descriptor = fd
            path = "/proc/self/fd/\(fd)"
        } else {
            descriptor = nil
            path = Self.namedTemporary(final)
        }
    }

    static func namedTemporary(_ final: String) -> String { "\(final).tmp-\(getpid())" }

    var isUnnamed: Bool { descriptor != nil }

    /// Gives the verified file its final name, replacing any file there.
    func commit() throws(StagingError) {
        guard isUnnamed else {
            guard rename(path, final) == 0 else { throw StagingError.system("cannot rename into place", final) }
            return
        }
        if linkat(AT_FDCWD, path, AT_FDCWD, final, AT_SYMLINK_FOLLOW) == 0 { return }
        guard errno == EEXIST else { throw StagingError.system("cannot link into place", final) }
        // A file is there already (a date archived again): link beside it, then rename over
        // it, so readers see the old file or the new one, never neither.
        let beside = Self.namedTemporary(final)
        unlink(beside)
        guard linkat(AT_FDCWD, path, AT_FDCWD, beside, AT_SYMLINK_FOLLOW) == 0 else {
            throw StagingError.system("cannot link into place", beside)
        }
        guard rename(beside, final) == 0 else {
            unlink(beside)
            throw StagingError.system("cannot rename into place", final)
        }
    }

    /// Closes the unnamed file (the kernel frees it) or removes the named one.
    func close() {
        if let descriptor {
            _ = Glibc.close(descriptor)
        } else {
            unlink(path)
        }
    }
}
