import Foundation
import Parquet
import StateStore
import Testing

@Suite("Files of the first archive schema keep verifying and reading")
struct ArchiveSchemaVersionTests {
    /// A day archived by spx-data before `spx-data.schema_version` existed (SPY 2024-03-15,
    /// half-hour greeks, 52 rows), with its sidecar, kept exactly as that version wrote it.
    static let fixture = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/archive-v1/spy-options-2024-03-15.parquet").path

    @Test("parquet inspect names both versions; parquet verify passes the old file")
    func inspectAndVerify() throws {
        let old = try CLI.run(["parquet", "inspect", Self.fixture])
        #expect(old.status == 0)
        #expect(old.stdout.contains("schema version 1 (written before spx-data.schema_version existed"), "\(old.stdout)")
        #expect(old.stdout.contains("underlying_ms_of_day"))
        let json = try CLI.run(["parquet", "inspect", Self.fixture, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["archive_schema_version"] as? Int == 1)
        let verify = try CLI.run(["parquet", "verify", Self.fixture])
        #expect(verify.status == 0 && verify.stdout.contains("52 rows"), "\(verify.stdout)")
    }

    @Test("an old day in the archive: `verify` checks it against the ledger and the sidecar; the reader reads every column")
    func oldDayInTheArchive() throws {
        let dir = try CLI.temporaryDirectory()
        let day = dir + "/archive/2024/03/15"
        try FileManager.default.createDirectory(atPath: day, withIntermediateDirectories: true)
        for suffix in ["", ".sha256"] {
            try FileManager.default.copyItem(atPath: Self.fixture + suffix, toPath: day + "/spy-options-2024-03-15.parquet" + suffix)
        }
        let sidecar = try String(contentsOfFile: Self.fixture + ".sha256", encoding: .utf8)
        let sha = String(sidecar.prefix(64))
        let store = try StateStore(path: dir + "/ledger.db")
        try store.save([ProcessingRecord(symbol: "SPY", dataset: "greeks", date: "2024-03-15", status: .success, recordCount: 52,
                                         fileSizeBytes: 6752, checksum: sha)])
        let settings = ["--db", dir + "/ledger.db", "--set", "processing.outputDirectory=\(dir)/archive"]
        let verify = try CLI.run(["verify", "--all"] + settings)
        #expect(verify.status == 0 && verify.stdout.contains("1 of 1 file(s) sound"), "\(verify.stdout) \(verify.stderr)")
        // Its content is judged too, from the ledger's day, and recorded.
        let quality = try CLI.run(["quality", "--all"] + settings)
        #expect(quality.status == 0 && quality.stdout.contains("SPY greeks 2024-03-15: score"), "\(quality.stdout) \(quality.stderr)")
        #expect(try store.quality(symbol: "SPY", dataset: "greeks", date: "2024-03-15")?.result.grade == "A")

        let reader = try ParquetFileReader(path: day + "/spy-options-2024-03-15.parquet")
        #expect(reader.metadata.numRows == 52)
        for column in reader.schema.columns.indices {
            #expect(try reader.readColumn(rowGroup: 0, column: column).rowCount == 52)
        }
        let underlying = try reader.readColumn(rowGroup: 0, column: try #require(reader.schema.index(of: "underlying_ms_of_day")))
        guard case .int32(let ms) = underlying.values else { return #expect(Bool(false), "underlying_ms_of_day is not INT32") }
        #expect(ms.allSatisfy { (34_000_000...57_600_000).contains($0) })
    }
}
