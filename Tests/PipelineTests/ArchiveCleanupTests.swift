import Foundation
import Pipeline
import StateStore
import Testing
import TestSupport

@Suite("cleanup: what unfinished runs leave behind")
struct ArchiveCleanupTests {
    func write(_ path: String, bytes: Int) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x41, count: bytes)))
    }

    @Test("orphaned staging and dead processes' temporaries go with --temp-files, failed staging with --failed-outputs; live work and archived files stay")
    func planAndRemove() throws {
        let root = NSTemporaryDirectory() + "spx-cleanup-\(UUID().uuidString)"
        let layout = ArchiveLayout(outputDirectory: root + "/archive", stagingDirectory: root + "/staging")
        let store = try StateStore(path: root + "/ledger.db")
        func record(_ date: String, _ status: ProcessingRecord.Status, pid: Int32? = nil) throws {
            try store.save([ProcessingRecord(symbol: "SPX", dataset: "greeks", date: date, status: status,
                                             startedAt: Timestamps.now(), processId: pid)])
        }
        try record("2024-03-12", .success)
        try record("2024-03-14", .failed)
        try record("2024-03-15", .processing, pid: getpid())
        try record("2024-03-18", .processing, pid: try deadProcessId())
        let staged = { (date: String) in "\(root)/staging/SPX/\(date)/greeks" }
        try write(staged("2024-03-12") + "/SPXW-2024-03-15.ndjson", bytes: 100)
        try write(staged("2024-03-13") + "/SPX-2024-03-15.ndjson", bytes: 200)
        try write(staged("2024-03-13") + "/SPXW-2024-03-15.ndjson.partial", bytes: 50)
        try write(staged("2024-03-14") + "/SPX-2024-03-15.ndjson", bytes: 300)
        try write(staged("2024-03-15") + "/SPX-2024-03-15.ndjson", bytes: 400)
        try write(staged("2024-03-18") + "/SPX-2024-03-18.ndjson", bytes: 500)
        let day = "\(root)/archive/2024/03/12/spx-options-2024-03-12.parquet"
        try write(day, bytes: 1000)
        let deadTemporary = "\(root)/archive/2024/03/13/spx-options-2024-03-13.parquet.tmp-\(try deadProcessId())"
        try write(deadTemporary, bytes: 60)
        let liveTemporary = "\(root)/archive/2024/03/15/spx-options-2024-03-15.parquet.tmp-\(getpid())"
        try write(liveTemporary, bytes: 70)

        let cleanup = ArchiveCleanup(layout: layout, store: store)
        let temporary = try cleanup.plan(temporaryFiles: true, failedOutputs: false)
        #expect(temporary.map(\.path) == [deadTemporary, staged("2024-03-12"), staged("2024-03-13")].sorted())
        let sizes = Dictionary(uniqueKeysWithValues: temporary.map { ($0.path, $0.bytes) })
        #expect(sizes == [deadTemporary: 60, staged("2024-03-12"): 100, staged("2024-03-13"): 250])
        #expect(temporary.first { $0.path == deadTemporary }?.reason == .deadProcessTemporary)

        let failed = try cleanup.plan(temporaryFiles: false, failedOutputs: true)
        #expect(failed.map(\.path) == [staged("2024-03-14"), staged("2024-03-18")])
        #expect(failed.allSatisfy { $0.reason == .failedStaging } && failed.map(\.bytes) == [300, 500])

        #expect(cleanup.remove(temporary + failed).isEmpty)
        let manager = FileManager.default
        for item in temporary + failed { #expect(!manager.fileExists(atPath: item.path), "\(item.path)") }
        // Emptied date and symbol directories go too; live work and the archive stay.
        #expect(!manager.fileExists(atPath: "\(root)/staging/SPX/2024-03-12"))
        #expect(manager.fileExists(atPath: staged("2024-03-15") + "/SPX-2024-03-15.ndjson"))
        #expect(manager.fileExists(atPath: liveTemporary) && manager.fileExists(atPath: day))
        #expect(try cleanup.plan(temporaryFiles: true, failedOutputs: true).isEmpty)
    }
}
