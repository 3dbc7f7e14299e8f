import Foundation
import StateStore
import Testing

@Suite("verify and the .sha256 sidecar", .serialized)
struct SidecarTests {
    @Test("a sidecar that disagrees with its file fails verify naming both hashes; a missing one is named too")
    func sidecarDisagrees() throws {
        let day = try CommittedDay()
        defer { _ = day.simulator.stop() }
        let file = day.archive.file(CommittedDay.date)
        let recorded = try #require(day.committed.checksum)
        // Another well-formed hash, so the sidecar is read and compared, not refused as unreadable.
        let other = String(recorded.reversed())
        #expect(other != recorded)
        try "\(other)  spx-options-\(CommittedDay.date).parquet\n".write(toFile: file + ".sha256", atomically: true, encoding: .utf8)

        let disagreeing = try CLI.run(["verify", CommittedDay.date] + day.archive.settings)
        #expect(disagreeing.status == 1)
        #expect(disagreeing.stdout.contains("the sidecar says \(other) but the ledger \(recorded)"), "\(disagreeing.stdout)")
        // The file itself is what the ledger recorded: only the sidecar is reported.
        #expect(!disagreeing.stdout.contains("SHA-256 is"), "\(disagreeing.stdout)")
        #expect(disagreeing.stdout.contains("0 of 1 file(s) sound"))

        try FileManager.default.removeItem(atPath: file + ".sha256")
        let missing = try CLI.run(["verify", "--all", "--format", "json"] + day.archive.settings)
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("the sidecar \(file).sha256 is missing or unreadable"), "\(missing.stdout)")
    }
}
