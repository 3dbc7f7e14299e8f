#if canImport(Glibc)
import Glibc
#endif
import Foundation
public import StateStore

/// Finds and removes what processing leaves behind when it does not finish: staging of dates
/// that no longer need it, the staging kept for a failed date's resume, and temporary
/// Parquet files of processes that are gone. Nothing a live process is using is touched.
public struct ArchiveCleanup: Sendable {
    /// Why something may go.
    public enum Reason: String, Sendable, Codable {
        /// Staging of a date the ledger has as success, or does not know at all.
        case orphanedStaging = "orphaned staging"
        /// A `.tmp-PID` file in the archive tree or staging area whose process is gone.
        case deadProcessTemporary = "temporary file of a dead process"
        /// Staging kept so a failed (or interrupted) date resumes; removing it means refetching.
        case failedStaging = "staging kept for a failed date"
    }

    public struct Item: Sendable, Equatable, Codable {
        public var path: String
        public var bytes: Int64
        public var reason: Reason
    }

    public let layout: ArchiveLayout
    public let store: StateStore

    public init(layout: ArchiveLayout, store: StateStore) {
        self.layout = layout
        self.store = store
    }

    /// What would be removed: orphaned staging and dead processes' temporary files when
    /// `temporaryFiles`, the staging of failed dates when `failedOutputs`.
    public func plan(temporaryFiles: Bool, failedOutputs: Bool) throws(StateStoreError) -> [Item] {
        let records = try store.processingRecords()
        var byKey: [String: ProcessingRecord] = [:]
        for record in records { byKey["\(record.symbol)/\(record.date)/\(record.dataset)"] = record }
        var items: [Item] = []
        for directory in Self.stagingDayDirectories(layout.stagingDirectory) {
            let record = byKey[directory.key]
            let reason: Reason?
            switch record?.status {
            case .processing?:
                reason = record?.isHeldByRunningProcess == true ? nil : .failedStaging
            case .success?, nil: reason = .orphanedStaging
            case .failed?, .queued?: reason = .failedStaging
            }
            guard let reason else { continue }
            if (reason == .orphanedStaging && temporaryFiles) || (reason == .failedStaging && failedOutputs) {
                items.append(Item(path: directory.path, bytes: Self.bytes(under: directory.path), reason: reason))
            }
        }
        if temporaryFiles {
            for root in [layout.outputDirectory, layout.stagingDirectory] {
                for path in Self.files(under: root) where Self.isDeadProcessTemporary(path) {
                    // Inside a directory already listed, it goes with it.
                    guard !items.contains(where: { path.hasPrefix($0.path + "/") }) else { continue }
                    items.append(Item(path: path, bytes: Self.bytes(under: path), reason: .deadProcessTemporary))
                }
            }
        }
        return items.sorted { $0.path < $1.path }
    }

    /// Removes `items`, then the symbol and date directories they leave empty.
    /// - Returns: the paths that could not be removed, with why.
    public func remove(_ items: [Item]) -> [(path: String, why: String)] {
        var problems: [(path: String, why: String)] = []
        for item in items {
            do {
                try FileManager.default.removeItem(atPath: item.path)
            } catch {
                problems.append((item.path, error.localizedDescription))
                continue
            }
            var parent = String(item.path[..<(item.path.lastIndex(of: "/") ?? item.path.endIndex)])
            while parent.hasPrefix(layout.stagingDirectory + "/"), rmdir(parent) == 0, let slash = parent.lastIndex(of: "/") {
                parent = String(parent[..<slash])
            }
        }
        return problems
    }

    /// `{temp}/{SYMBOL}/{YYYY-MM-DD}/{dataset}` directories, keyed `SYMBOL/date/dataset`.
    static func stagingDayDirectories(_ root: String) -> [(path: String, key: String)] {
        var found: [(String, String)] = []
        for symbol in subdirectories(root) {
            for date in subdirectories("\(root)/\(symbol)") where Timestamps.isCalendarDate(date) {
                for dataset in subdirectories("\(root)/\(symbol)/\(date)") {
                    found.append(("\(root)/\(symbol)/\(date)/\(dataset)", "\(symbol)/\(date)/\(dataset)"))
                }
            }
        }
        return found
    }

    /// `NAME.tmp-PID` (a Parquet file or sidecar being written) whose process is gone.
    static func isDeadProcessTemporary(_ path: String) -> Bool {
        guard let marker = path.range(of: ".tmp-", options: .backwards),
              let pid = Int32(path[marker.upperBound...]), pid > 0 else { return false }
        return pid != getpid() && !ProcessLiveness.isRunning(pid)
    }

    private static func subdirectories(_ path: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: "\(path)/\(name)", isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
    }

    private static func files(under root: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var paths: [String] = []
        while let relative = walker.nextObject() as? String { paths.append("\(root)/\(relative)") }
        return paths
    }

    /// Bytes of a file, or of every file under a directory.
    static func bytes(under path: String) -> Int64 {
        var st = stat()
        guard stat(path, &st) == 0 else { return 0 }
        if (st.st_mode & S_IFMT) != S_IFDIR { return Int64(st.st_size) }
        return files(under: path).reduce(Int64(0)) { total, file in
            var fst = stat()
            return stat(file, &fst) == 0 && (fst.st_mode & S_IFMT) == S_IFREG ? total + Int64(fst.st_size) : total
        }
    }
}
