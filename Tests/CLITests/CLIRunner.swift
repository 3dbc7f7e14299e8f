import Foundation

/// Runs the built `spx-data` binary and captures what it printed.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["SPX_DATA"] { return path }
        return packageRoot.appendingPathComponent(".build/debug/spx-data").path
    }

    /// - Parameter environment: variables for the child on top of this process's own.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if !environment.isEmpty {
            // Start from this environment without SPX_DATA_* so that only the test's settings apply.
            var merged = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SPX_DATA_") || $0.key == "SPX_DATA" }
            merged.merge(environment) { _, new in new }
            process.environment = merged
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain both pipes before waiting so a chatty child cannot block on a full pipe.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh directory under the system temp directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "spx-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
