import Foundation
import Testing

@Suite("The demo's closing hints run as printed")
struct DemoHintsTests {
    @Test("from the project's directory every hint runs and reads the archive: the binary, the .venv readers, verify, status")
    func hintsRun() throws {
        let dir = try CLI.temporaryDirectory() + "/demo"
        // As scripts/demo runs it: from the project's directory, by a path relative to it.
        let relative = String(CLI.binary.dropFirst(CLI.packageRoot.path.count + 1))
        let demo = try CLI.run(["demo", "--dir", dir, "--days", "1", "--scale", "0.005"], directory: CLI.packageRoot,
                               executable: CLI.binary)
        #expect(demo.status == 0, "\(demo.stderr)")
        let hints = demo.stdout.components(separatedBy: "\nRead them:\n").last?.split(separator: "\n")
            .filter { $0.hasPrefix("  ") }.map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        #expect(hints.count == 6, "\(demo.stdout)")
        #expect(!hints.contains { $0.hasPrefix("duckdb ") || $0.hasPrefix("python3 ") || $0.hasPrefix("spx-data ") }, "\(hints)")
        #expect(hints.first?.hasPrefix(relative) == true || hints.first?.hasPrefix(CLI.binary) == true, "\(hints)")
        for hint in hints {
            let shell = try CLI.run(["-c", hint], directory: CLI.packageRoot, executable: "/bin/bash")
            #expect(shell.status == 0, "\(hint): \(shell.stderr)")
            if hint.contains("duckdb.sql") || hint.contains("read_parquet") || hint.contains("parquet inspect") {
                #expect(shell.stdout.contains("SPX"), "\(hint): \(shell.stdout)")
            }
        }
    }
}
