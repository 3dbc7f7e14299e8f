import Foundation
import StateStore

/// The archive and staging directories, checked before any date is claimed.
///
/// Without it a path that cannot be used fails every date late: after the Terminal was asked
/// for the contracts, as a `staging` error whose retry discards the staging, and with
/// `processing.tempDirectory` named even when the archive was the problem. Checked first, the
/// run stops once, naming the setting, the path and the fix, with nothing fetched and nothing
/// recorded. Nothing is created here: a missing directory that can be created is left to the
/// pipeline, which makes it with the archive's permissions.
enum WorkingDirectories {
    /// Exits 1 naming the first setting whose directory cannot be used.
    static func check(_ config: ResolvedConfiguration) throws {
        for key in [ConfigurationKey.outputDirectory, .tempDirectory] {
            let path = config[key]
            guard let problem = problem(with: path) else { continue }
            printError("error: \(key.rawValue) \(path) cannot be used: \(problem). Point it at a writable directory "
                       + "(`spx-data config set \(key.rawValue) DIR`, or `--set \(key.rawValue)=DIR` for one run). "
                       + "Nothing was fetched or recorded.")
            throw ExitCodes.checkFailed
        }
    }

    /// Why files cannot be written under `path`, or nil: its nearest existing ancestor (itself
    /// when it exists) must be a directory this process may write in; `access` answers for
    /// the mode bits, ACLs and a read-only file system alike.
    static func problem(with path: String) -> String? {
        var current = path.isEmpty ? "." : path
        while true {
            var info = stat()
            if stat(current, &info) == 0 {
                let missing = current == path ? "" : ", so \(path) cannot be created"
                guard info.st_mode & S_IFMT == S_IFDIR else { return "\(current) is a file, not a directory\(missing)" }
                guard access(current, W_OK | X_OK) == 0 else {
                    return "\(current) is not writable (\(String(cString: strerror(errno))))\(missing)"
                }
                return nil
            }
            // ENOTDIR: a component on the way is a file; the walk up reaches it and says so.
            guard errno == ENOENT || errno == ENOTDIR else {
                return "\(current) cannot be reached (\(String(cString: strerror(errno))))"
            }
            let parent = (current as NSString).deletingLastPathComponent
            let next = parent.isEmpty ? "." : parent
            // Only when even the working directory is gone.
            guard next != current else { return "\(current) does not exist" }
            current = next
        }
    }
}
