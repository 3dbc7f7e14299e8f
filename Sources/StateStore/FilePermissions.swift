import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ledger holds paths and error context that are nobody else's business: its directory is
/// created 0700 and the database with its WAL and shared-memory files are 0600. SQLite gives
/// the -wal and -shm files the mode of the main file, so creating that one first with 0600 keeps
/// them private from their first byte; `restrict` re-applies the modes after opening anyway.
enum FilePermissions {
    static func createPrivateDirectory(forFileAt path: String) throws(StateStoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty else { return }
        var missing: [String] = []
        var current = directory
        while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        for component in missing.reversed() where mkdir(component, 0o700) != 0 && errno != EEXIST {
            throw StateStoreError(
                code: .directory, path: path, message: "cannot create the directory \(component) (\(String(cString: strerror(errno))))",
                remediation: "create it yourself or pass --db with a writable location")
        }
        for component in missing { chmod(component, 0o700) }
    }

    static func createPrivateFile(at path: String) throws(StateStoreError) {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd >= 0 { close(fd); return }
        guard errno == EEXIST else {
            throw StateStoreError(
                code: .open, path: path, message: "cannot create the ledger file (\(String(cString: strerror(errno))))",
                remediation: "check the directory's permissions or pass --db with a writable location")
        }
    }

    static func restrict(databaseAt path: String) throws(StateStoreError) {
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            if chmod(file, 0o600) != 0 {
                throw StateStoreError(
                    code: .permissions, path: path, message: "cannot set mode 0600 on \(file) (\(String(cString: strerror(errno))))",
                    remediation: "make sure you own the file: chown it or pass --db with a file of your own")
            }
        }
    }
}
