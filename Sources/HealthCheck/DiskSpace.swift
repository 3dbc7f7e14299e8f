import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Free space of the file system holding a directory, from `statvfs`.
public struct DiskSpace: Sendable, Equatable, Codable {
    /// The directory asked about.
    public var path: String
    /// The nearest existing ancestor actually measured (the directory may not exist yet).
    public var measuredPath: String
    /// Bytes an unprivileged process can still write.
    public var availableBytes: UInt64
    public var totalBytes: UInt64

    /// Measures the file system of `path`, or of its nearest existing ancestor.
    /// Returns nil only when not even `/` can be measured.
    public static func of(_ path: String) -> DiskSpace? {
        var current = path.isEmpty ? "." : path
        while !FileManager.default.fileExists(atPath: current) {
            let parent = (current as NSString).deletingLastPathComponent
            current = parent.isEmpty ? "." : parent
            if current == "/" || current == "." { break }
        }
        var info = statvfs()
        guard statvfs(current, &info) == 0 else { return nil }
        let block = UInt64(info.f_frsize)
        return DiskSpace(path: path, measuredPath: current, availableBytes: UInt64(info.f_bavail) * block,
                         totalBytes: UInt64(info.f_blocks) * block)
    }

    /// True when at least `minimumBytes` are available.
    public func hasAtLeast(_ minimumBytes: UInt64) -> Bool { availableBytes >= minimumBytes }

    /// Decimal gigabytes, as `processing.minFreeDiskGB` counts them.
    public var availableGB: Double { Double(availableBytes) / 1e9 }
    public var totalGB: Double { Double(totalBytes) / 1e9 }
}
