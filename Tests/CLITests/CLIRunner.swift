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

    /// - Parameters:
    ///   - environment: variables for the child on top of this process's own.
    ///   - directory: the child's working directory, this process's by default.
    ///   - executable: what to run, this package's `spx-data` by default.
    static func run(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil,
                    executable: String = binary) throws -> CLIResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            // Start from this environment without SPX_DATA_* so that only the test's settings apply.
            var merged = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SPX_DATA_") || $0.key == "SPX_DATA" }
            merged.merge(environment) { _, new in new }
            process.environment = merged
        }
        let out = Pipe(), err = Pipe()
        // Never a terminal: commands that would ask a question must not wait for one.
        process.standardInput = FileHandle.nullDevice
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

/// `spx-data` running in the background, its output going to files, for tests that act on
/// it while it works (stop it, kill it, race it).
final class BackgroundCLI {
    let process = Process()
    let outputPath: String

    init(_ arguments: [String], in directory: String) throws {
        outputPath = directory + "/background-\(UUID().uuidString).out"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Waits for the exit; returns the status and everything printed.
    func wait() -> (status: Int32, output: String) {
        process.waitUntilExit()
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text)
    }
}

/// Polls `condition` every 50 ms for up to `seconds`; true once it holds.
func eventually(within seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return try condition()
}
