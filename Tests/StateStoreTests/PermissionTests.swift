import Foundation
import StateStore
import Testing

@Suite("Ledger file modes")
struct PermissionTests {
    @Test("the directory is created 0700, the database and its WAL files 0600")
    func modes() throws {
        let root = try temporaryDirectory()
        let path = root + "/nested/ledger/spx.db"
        let store = try StateStore(path: path)
        try store.save([ProcessingRecord(symbol: "SPX", dataset: "greeks", date: "2024-01-02", status: .queued)])
        #expect(try fileMode(root + "/nested") == 0o700)
        #expect(try fileMode(root + "/nested/ledger") == 0o700)
        #expect(try fileMode(path) == 0o600)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            #expect(try fileMode(path + suffix) == 0o600, "\(suffix)")
        }
    }

    @Test("an existing database with loose permissions is tightened on open")
    func tightens() throws {
        let path = try temporaryDirectory() + "/spx.db"
        _ = try StateStore(path: path)
        chmod(path, 0o644)
        _ = try StateStore(path: path)
        #expect(try fileMode(path) == 0o600)
    }
}
