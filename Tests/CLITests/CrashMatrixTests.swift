import Foundation
import Pipeline
import StateStore
import Testing

/// One instant at which the crash test kills `process` (`SPX_DATA_CRASH_AT`, see `CrashPoint`).
struct CrashCase: CustomStringConvertible {
    var point: CrashPoint
    var occurrence = 1

    var environment: String { "\(point.rawValue)#\(occurrence)" }
    var description: String { environment }
    /// Whether the ledger already has the day as archived when the process dies.
    var afterLedgerSuccess: Bool { point == .recordedSuccess || point == .stagingRemoved }
}

/// Kills the process with SIGKILL at every stage of a day and checks what is left, then that
/// a rerun finishes the day from what was kept.
///
/// The day has three expirations; the last one trickles (two batches, the others one each), so
/// occurrence 1 of a per-expiration point is one of the quick ones, occurrence 3 the slow one
/// with the two others staged, and `stage.rows#3` catches the slow one half-written.
@Suite("kill -9 at every stage of a day", .serialized)
struct CrashMatrixTests {
    static let date = SlowDay.date
    static let expirations = 3

    static let cases: [CrashCase] = [
        CrashCase(point: .claimed), CrashCase(point: .listed), CrashCase(point: .planned),
        CrashCase(point: .fetching, occurrence: 1), CrashCase(point: .fetching, occurrence: 3),
        CrashCase(point: .beforeStagingSync, occurrence: 1), CrashCase(point: .beforeStagingSync, occurrence: 3),
        CrashCase(point: .stagingSynced, occurrence: 1), CrashCase(point: .stagingSynced, occurrence: 3),
        CrashCase(point: .stagingRenamed, occurrence: 1), CrashCase(point: .stagingRenamed, occurrence: 3),
        CrashCase(point: .stagingRecorded, occurrence: 1), CrashCase(point: .stagingRecorded, occurrence: 2),
        CrashCase(point: .stagingRecorded, occurrence: 3),
        CrashCase(point: .converting, occurrence: 1), CrashCase(point: .converting, occurrence: 3),
        CrashCase(point: .converted), CrashCase(point: .verified), CrashCase(point: .renamed),
        CrashCase(point: .directorySynced), CrashCase(point: .sidecarWritten), CrashCase(point: .recordedSuccess),
        CrashCase(point: .stagingRemoved),
    ]

    @Test("23 crash points from the claim to the ledger update: nothing partial, the ledger consistent, the rerun resumes")
    func crashAtEveryStage() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.02", "--faults", "trickle:exp=2024-03-18,bytes=8192,delay=2ms"])
        defer { _ = simulator.stop() }
        let reference = try ArchiveDirectory(simulator)
        #expect(try CLI.run(["process", Self.date] + reference.settings).status == 0)
        let expected = try #require(try reference.record(Self.date))
        let expectedHash = try contentHash(reference.file(Self.date))
        #expect(expectedHash.count == 64)

        #expect(Set(Self.cases.map(\.point)) == Set(CrashPoint.allCases), "every crash point is exercised")
        var tally = Tally()
        for crash in Self.cases {
            let archive = try ArchiveDirectory(simulator)
            let killed = try CLI.run(["process", Self.date] + archive.settings, environment: ["SPX_DATA_CRASH_AT": crash.environment])
            try #require(killed.status == SIGKILL, "\(crash): the process should die by SIGKILL, got \(killed.status): \(killed.stdout)")

            tally.crashes += 1
            if try checkLeftovers(crash, archive, expectedRows: expected.recordCount, expectedHash: expectedHash) { tally.leftFilesVerified += 1 }
            let resumable = try Self.reusableStaged(in: archive)
            tally.expirationsReused += resumable

            let rerun = try CLI.run(["process", Self.date] + archive.settings)
            #expect(rerun.status == 0, "\(crash): \(rerun.stdout)\(rerun.stderr)")
            let done = try #require(try archive.record(Self.date), "\(crash)")
            #expect(done.status == .success, "\(crash)")
            // Only the expirations not durably staged and recorded are asked for again.
            #expect(done.apiRequestsMade == Self.expirations - resumable, "\(crash): \(resumable) staged, \(String(describing: done.apiRequestsMade)) requests")
            #expect(done.recordCount == expected.recordCount, "\(crash)")
            #expect(try contentHash(archive.file(Self.date)) == expectedHash, "\(crash): rows lost or duplicated")
            if !crash.afterLedgerSuccess {
                #expect(rerun.stdout.contains("stopped while processing it; resuming"), "\(crash): \(rerun.stdout)")
                let errors = try archive.store().errors()
                #expect(errors.map(\.errorType) == ["interrupted"] && errors.allSatisfy { $0.resolvedAt != nil }, "\(crash)")
            }
            #expect(Self.treeFiles(archive) == Self.committedNames, "\(crash)")
            #expect(!FileManager.default.fileExists(atPath: archive.path + "/staging/SPX"), "\(crash): staging left behind")
            let verify = try CLI.run(["verify", Self.date] + archive.settings)
            #expect(verify.status == 0, "\(crash): \(verify.stdout)")
            tally.requests += done.apiRequestsMade ?? 0
            tally.rowsCompared += done.recordCount ?? 0
        }
        print("crash matrix: \(tally.crashes) kill -9, \(tally.leftFilesVerified) day file(s) found after the crash and verified, "
              + "\(tally.expirationsReused) staged expiration(s) reused, \(tally.requests) history request(s) on rerun "
              + "(\(Self.cases.count * Self.expirations) from scratch), \(tally.rowsCompared) rows compared with the reference")
    }

    private struct Tally {
        var crashes = 0, leftFilesVerified = 0, expirationsReused = 0, requests = 0
        var rowsCompared: Int64 = 0
    }

    /// What a crash may leave: in the archive tree only the day file and its sidecar, each
    /// whole and agreeing; a ledger row that is `processing` (or `success` once recorded);
    /// every expiration the ledger calls staged on disk as recorded.
    /// - Returns: whether a day file was there to check.
    private func checkLeftovers(_ crash: CrashCase, _ archive: ArchiveDirectory, expectedRows: Int64?, expectedHash: String) throws -> Bool {
        let files = Self.treeFiles(archive)
        #expect(files.isSubset(of: Self.committedNames), "\(crash): \(files)")
        let file = archive.file(Self.date)
        if files.contains(Self.committedNames.first { $0.hasSuffix(".parquet") }!) {
            let check = try CLI.run(["parquet", "verify", file])
            #expect(check.status == 0, "\(crash): a file in the archive does not verify: \(check.stdout)")
            #expect(try contentHash(file) == expectedHash, "\(crash)")
            let sha256 = try FileDigest.sha256(of: file)
            if let sidecar = FileDigest.readSidecar(for: file) { #expect(sidecar == sha256, "\(crash)") }
        } else {
            #expect(FileDigest.readSidecar(for: file) == nil, "\(crash): a sidecar without its file")
        }

        let record = try #require(try archive.record(Self.date), "\(crash): the claim is the first thing recorded")
        if crash.afterLedgerSuccess {
            let sha256 = try FileDigest.sha256(of: file)
            #expect(record.status == .success && record.checksum == sha256, "\(crash)")
            #expect(record.recordCount == expectedRows)
            // The staging kept when the process died after the ledger update is what cleanup calls orphaned.
            if crash.point == .recordedSuccess {
                let cleanup = try CLI.run(["cleanup", "--temp-files", "--dry-run"] + archive.settings)
                #expect(cleanup.stdout.contains("staging/SPX/\(Self.date)"), "\(crash): \(cleanup.stdout)")
            }
        } else {
            #expect(record.status == .processing && record.processId != nil, "\(crash): \(record.status)")
            let listed = try CLI.run(["list", "--db", archive.path + "/ledger.db"])
            #expect(listed.stderr.contains("was left processing by process"), "\(crash): \(listed.stderr)")
        }
        let store = try archive.store()
        for row in try store.expirationProgress(symbol: "SPX", dataset: "greeks", date: Self.date) where row.status == .staged && record.status != .success {
            let path = try #require(row.stagedPath)
            #expect(FileManager.default.fileExists(atPath: path), "\(crash): \(path) is recorded staged but missing")
            let sha256 = try FileDigest.sha256(of: path)
            #expect(sha256 == row.sha256, "\(crash): \(path) differs from what the ledger recorded")
        }
        return FileManager.default.fileExists(atPath: file)
    }

    static let committedNames: Set<String> = {
        let parts = date.split(separator: "-")
        let name = "\(parts[0])/\(parts[1])/\(parts[2])/spx-options-\(date).parquet"
        return [name, name + ".sha256"]
    }()

    /// Every file in the archive tree, relative to it.
    static func treeFiles(_ archive: ArchiveDirectory) -> Set<String> {
        let root = archive.path + "/archive"
        let all = FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []
        return Set(all.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        })
    }

    /// Expirations the ledger records staged whose file is on disk: what a rerun may reuse.
    static func reusableStaged(in archive: ArchiveDirectory) throws -> Int {
        try archive.store().expirationProgress(symbol: "SPX", dataset: "greeks", date: date)
            .count { $0.status == .staged && $0.stagedPath.map(FileManager.default.fileExists(atPath:)) == true }
    }
}
