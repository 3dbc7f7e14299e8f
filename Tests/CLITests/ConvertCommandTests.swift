import Foundation
import Parquet
import Pipeline
import Testing

@Suite("spx-data convert")
struct ConvertCommandTests {
    func stagedDay(_ dir: String, expirations: Int = 1) throws -> String {
        var day = SyntheticGreeks(seed: 3)
        day.expirations = expirations
        day.strikesPerExpiration = 4
        let path = dir + "/day.ndjson"
        try day.write(to: path)
        return path
    }

    @Test("converts a staged day and the file holds every row exactly")
    func convertsExactly() throws {
        let dir = try CLI.temporaryDirectory()
        let input = try stagedDay(dir, expirations: 2)
        let result = try CLI.run(["convert", input, dir + "/out.parquet", "--threads", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let reader = try ParquetFileReader(path: dir + "/out.parquet")
        let lines = try String(contentsOfFile: input, encoding: .utf8).split(separator: "\n")
        #expect(reader.metadata.numRows == Int64(lines.count))
        // Spot-check the doubles bit for bit against a parse of the text.
        let bid = try reader.readColumn(rowGroup: 0, column: reader.schema.index(of: "bid")!)
        guard case .double(let values) = bid.values else { Issue.record("bid is not DOUBLE"); return }
        for i in stride(from: 0, to: lines.count, by: 97) {
            let text = lines[i].split(separator: ",").first { $0.hasPrefix("\"bid\":") }!.dropFirst(6)
            #expect(values[i].bitPattern == Double(String(text))!.bitPattern, "row \(i)")
        }
    }

    @Test("a malformed line fails with its line number and field, and leaves an existing output alone")
    func malformedLine() throws {
        let dir = try CLI.temporaryDirectory()
        let input = try stagedDay(dir)
        var text = try String(contentsOfFile: input, encoding: .utf8)
        let strike = try #require(text.range(of: #""strike":\d+"#, options: .regularExpression))
        text.replaceSubrange(strike, with: #""strike":"oops""#)
        try text.write(toFile: input, atomically: true, encoding: .utf8)
        let existing = dir + "/out.parquet"
        try Data("previous contents".utf8).write(to: URL(fileURLWithPath: existing))
        let result = try CLI.run(["convert", input, existing])
        #expect(result.status != 0)
        #expect(result.stderr.contains("line 1"), "\(result.stderr)")
        #expect(result.stderr.contains("strike"), "\(result.stderr)")
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "previous contents")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("--skip-bad-lines keeps the good rows and counts the bad ones")
    func skipBadLines() throws {
        let dir = try CLI.temporaryDirectory()
        let input = try stagedDay(dir)
        var lines = try String(contentsOfFile: input, encoding: .utf8).split(separator: "\n").map(String.init)
        let total = lines.count
        lines[5] = "{not json"
        lines[10] = lines[10].replacingOccurrences(of: "\"delta\":", with: "\"delta\":\"x\",\"ignored\":")
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let result = try CLI.run(["convert", input, dir + "/out.parquet", "--skip-bad-lines"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("skipped 2 malformed line(s)"))
        #expect(try ParquetFileReader(path: dir + "/out.parquet").metadata.numRows == Int64(total - 2))
    }

    @Test("bad arguments exit non-zero with a message naming the value", arguments: [
        (["--threads", "0"], "--threads 0"),
        (["--codec", "brotli2"], "brotli2"),
        (["--row-group-rows", "0"], "--row-group-rows 0"),
    ])
    func badArguments(extra: [String], mentions: String) throws {
        let result = try CLI.run(["convert", "in.ndjson", "out.parquet"] + extra)
        #expect(result.status != 0)
        #expect(result.stderr.contains(mentions), "\(result.stderr)")
    }

    @Test("a missing input names the path")
    func missingInput() throws {
        let dir = try CLI.temporaryDirectory()
        let result = try CLI.run(["convert", dir + "/absent.ndjson", dir + "/out.parquet"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("absent.ndjson"))
    }
}
