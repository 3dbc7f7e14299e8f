import Foundation
import Parquet
import Testing
@testable import Pipeline

@Suite("NDJSON → Parquet conversion")
struct NDJSONConverterTests {
    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "convert-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("every row and value survives, single- and multi-threaded", arguments: [1, 2, 3])
    func exactRoundTrip(threads: Int) throws {
        let dir = try temporaryDirectory()
        var day = SyntheticGreeks(seed: UInt64(threads))
        day.expirations = 3
        day.strikesPerExpiration = 5
        try day.write(to: dir + "/in.ndjson")
        var options = ConversionOptions()
        options.threads = threads
        options.batchRows = 1000
        options.writer.rowGroupRowLimit = 2500
        let summary = try NDJSONConverter(schema: .greeks, options: options).convert(input: dir + "/in.ndjson", output: dir + "/out.parquet")
        #expect(summary.rows == Int64(day.rowCount))

        // Decode the text independently (Foundation's JSON parser) and compare every cell.
        let reader = try ParquetFileReader(path: dir + "/out.parquet")
        var columns = reader.schema.columns.map { _ in [ColumnValues]() }
        for g in reader.metadata.rowGroups.indices {
            for c in reader.schema.columns.indices { columns[c].append(try reader.readColumn(rowGroup: g, column: c, verifyChecksums: true).values) }
        }
        let text = try String(contentsOfFile: dir + "/in.ndjson", encoding: .utf8)
        var row = 0
        var cursor = columns.map { _ in (group: 0, index: 0) }
        for line in text.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            for (c, column) in NDJSONSchema.greeks.columns.enumerated() {
                if cursor[c].index == columns[c][cursor[c].group].count {
                    cursor[c] = (cursor[c].group + 1, 0)
                }
                let i = cursor[c].index
                switch columns[c][cursor[c].group] {
                case .double(let v):
                    let expected = Double("\(object[column.name]!)")!
                    #expect(v[i].bitPattern == expected.bitPattern, "row \(row) \(column.name)")
                case .int32(let v): #expect(Int(v[i]) == object[column.name] as? Int, "row \(row) \(column.name)")
                case .byteArray(let s): #expect(String(decoding: s[i], as: UTF8.self) == object[column.name] as? String)
                default: Issue.record("unexpected column type")
                }
                cursor[c].index += 1
            }
            row += 1
        }
        #expect(row == day.rowCount)
        #expect(reader.metadata.rowGroups.count == (day.rowCount + 2499) / 2500)
    }

    @Test("the chosen encodings are in the file")
    func encodings() throws {
        let dir = try temporaryDirectory()
        var day = SyntheticGreeks()
        day.expirations = 1
        try day.write(to: dir + "/in.ndjson")
        _ = try NDJSONConverter(schema: .greeks).convert(input: dir + "/in.ndjson", output: dir + "/out.parquet")
        let meta = try ParquetFileReader(path: dir + "/out.parquet").metadata
        let chunks = meta.rowGroups[0].columns
        let index = { (name: String) in meta.schema.index(of: name)! }
        #expect(chunks[index("ms_of_day")].encodings.contains(.deltaBinaryPacked))
        #expect(chunks[index("root")].encodings.contains(.rleDictionary))
        #expect(chunks[index("underlying_price")].encodings.contains(.rleDictionary))
        #expect(chunks.allSatisfy { $0.codec == .zstd })
    }

    @Test("a failed conversion removes its temporary file and keeps the old output")
    func failureLeavesNothing() throws {
        let dir = try temporaryDirectory()
        try Data((NDJSONBatchDecoderTests.sample + "\n{broken\n").utf8).write(to: URL(fileURLWithPath: dir + "/in.ndjson"))
        try Data("old".utf8).write(to: URL(fileURLWithPath: dir + "/out.parquet"))
        #expect(throws: NDJSONError.self) {
            try NDJSONConverter(schema: .greeks).convert(input: dir + "/in.ndjson", output: dir + "/out.parquet")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["in.ndjson", "out.parquet"])
        #expect(try String(contentsOfFile: dir + "/out.parquet", encoding: .utf8) == "old")
    }

    @Test("skipping bad lines keeps the good ones and counts the rest", arguments: [1, 2])
    func skipBad(threads: Int) throws {
        let dir = try temporaryDirectory()
        let good = NDJSONBatchDecoderTests.sample
        try Data([good, "{broken", good, #"{"root":1}"#, good].joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: dir + "/in.ndjson"))
        var options = ConversionOptions()
        options.skipBadLines = true
        options.threads = threads
        let summary = try NDJSONConverter(schema: .greeks, options: options).convert(input: dir + "/in.ndjson", output: dir + "/out.parquet")
        #expect(summary.rows == 3)
        #expect(summary.skippedLines == 2)
        #expect(summary.firstSkipped.map(\.line) == [2, 4])
    }
}
