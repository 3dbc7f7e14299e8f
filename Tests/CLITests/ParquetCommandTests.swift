import Foundation
import Pipeline
import Testing

@Suite("spx-data parquet inspect / verify")
struct ParquetCommandTests {
    func convertedFile() throws -> String {
        let dir = try CLI.temporaryDirectory()
        var day = SyntheticGreeks(seed: 5)
        day.expirations = 2
        day.strikesPerExpiration = 6
        try day.write(to: dir + "/in.ndjson")
        let result = try CLI.run(["convert", dir + "/in.ndjson", dir + "/out.parquet", "--row-group-rows", "2000", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        return dir + "/out.parquet"
    }

    @Test("verify accepts a sound file")
    func verifyGood() throws {
        let file = try convertedFile()
        let result = try CLI.run(["parquet", "verify", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("OK"))
        #expect(result.stdout.contains("9360 rows"))
    }

    @Test("verify reports a flipped byte and exits non-zero")
    func verifyFlipped() throws {
        let file = try convertedFile()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes[bytes.count / 3] ^= 0x10
        try bytes.write(to: URL(fileURLWithPath: file))
        let result = try CLI.run(["parquet", "verify", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("FAULT"))
    }

    @Test("verify names a truncated file")
    func verifyTruncated() throws {
        let file = try convertedFile()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: file))
        let result = try CLI.run(["parquet", "verify", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("truncated") || result.stderr.contains("PAR1"), "\(result.stderr)")
    }

    @Test("inspect --format json describes schema, row groups and metadata")
    func inspectJSON() throws {
        let file = try convertedFile()
        let result = try CLI.run(["parquet", "inspect", file, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["rows"] as? Int == 9360)
        let groups = try #require(json["row_groups"] as? [[String: Any]])
        #expect(groups.count == 5)
        let columns = try #require(json["columns"] as? [[String: Any]])
        #expect(columns.count == 18)
        let first = try #require((groups[0]["columns"] as? [[String: Any]])?.first)
        #expect(first["column"] as? String == "root")
        #expect((first["encodings"] as? [String])?.contains("RLE_DICTIONARY") == true)
        #expect(first["codec"] as? String == "ZSTD")
        #expect((json["metadata"] as? [String: String])?["spx-data.dataset"] == "greeks")
    }

    @Test("inspect as a table shows columns and statistics")
    func inspectTable() throws {
        let file = try convertedFile()
        let result = try CLI.run(["parquet", "inspect", file])
        #expect(result.status == 0)
        #expect(result.stdout.contains("underlying_price"))
        #expect(result.stdout.contains("row group 4: 1360 rows"))
    }

    @Test("inspect of a non-Parquet file fails with a clear message")
    func inspectNotParquet() throws {
        let dir = try CLI.temporaryDirectory()
        try Data("plain text, not parquet".utf8).write(to: URL(fileURLWithPath: dir + "/x.parquet"))
        let result = try CLI.run(["parquet", "inspect", dir + "/x.parquet"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("PAR1"))
    }
}
