import Foundation
import Parquet
import Testing
import TestSupport
import ThetaData
@testable import Pipeline

@Suite("Staging files: decoded rows to canonical NDJSON and back")
struct StagingFileTests {
    /// A v3 CSV body of `rows` random rows of `dataset`, some fields empty, as the Terminal writes it.
    static func body(_ dataset: Dataset, rows: Int, rng: inout SeededRandom) -> [UInt8] {
        let time = dataset.v3.timeColumn
        let values = dataset.columns(in: .v3).filter { $0.v3Name != time }
        var lines = [(["symbol", "expiration", "strike", "right", time] + values.compactMap(\.v3Name)).joined(separator: ",")]
        for r in 0..<rows {
            var fields = [r % 7 == 0 ? "SPX" : "SPXW", "2024-03-\(15 + r % 3)", "\(4000 + 5 * (r % 50)).000",
                          r % 2 == 0 ? "CALL" : "PUT", timestamp(ms: 34_200_000 + r * 1_000 + r % 1000)]
            for column in values {
                let empty = rng.next() % 13 == 0
                switch column.type {
                case .double: fields.append(empty ? "" : decimal(&rng))
                case .integer: fields.append(empty ? "" : String(Int64(bitPattern: rng.next()) % 100_000))
                case .timeOfDay, .dateTime: fields.append(empty ? "" : timestamp(ms: Int(rng.next() % 86_400_000)))
                }
            }
            lines.append(fields.joined(separator: ","))
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    static func timestamp(ms: Int) -> String {
        String(format: "2024-03-15T%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
    }

    /// Prices, greeks, and now and then a value with many digits or a negative zero.
    static func decimal(_ rng: inout SeededRandom) -> String {
        switch rng.next() % 10 {
        case 0: return "-0.0"
        case 1: return String(Double(bitPattern: rng.next() >> 2 | 0x3F00_0000_0000_0000))
        case 2: return "1.2345678901234e-7"
        default:
            let places = Int(rng.next() % 5)
            let n = Int64(bitPattern: rng.next()) % 10_000_000
            return String(format: "%.\(places)f", Double(n) / pow(10, Double(places)))
        }
    }

    static func decode(_ body: [UInt8], _ dataset: Dataset) throws -> [OptionRowBatch] {
        var batches: [OptionRowBatch] = []
        let report = try body.withUnsafeBytes { raw in
            try BodyDecoder.decode(raw, dataset: dataset, format: .v3CSV, chunkSize: 997) { batches.append($0) }
        }
        #expect(report.malformedRows == 0, "\(report.problems)")
        return batches
    }

    /// Every column of the staging file, read back with the converter's decoder.
    static func readBack(_ path: String, _ dataset: Dataset) throws -> [[ColumnBatch]] {
        var decoder = NDJSONBatchDecoder(schema: .staging(dataset, .v3))
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var number = 0
        for line in data.split(separator: UInt8(ascii: "\n")) {
            number += 1
            _ = try Array(line).withUnsafeBytes { try decoder.decode(line: $0, lineNumber: number) }
        }
        return [decoder.takeBatch()]
    }

    @Test("every value comes back bit for bit, empty fields as null, for every dataset", arguments: Dataset.all)
    func roundTrip(dataset: Dataset) throws {
        var rng = SeededRandom(seed: 21)
        let batches = try Self.decode(Self.body(dataset, rows: 3_000, rng: &rng), dataset)
        let dir = try temporaryDirectory()
        let staging = try StagingFile(path: dir + "/SPXW-20240315.ndjson", dataset: dataset, version: .v3)
        for batch in batches { try staging.append(batch) }
        let staged = try staging.finish()
        #expect(staged.rows == 3_000)

        let columns = try Self.readBack(staged.path, dataset)[0]
        let rows = batches.flatMap { batch in batch.indices.map { batch[$0] } }
        let schema = NDJSONSchema.staging(dataset, .v3)
        for (c, column) in schema.columns.enumerated() {
            let got = ColumnCell.cells(columns[c])
            let want: [ColumnCell] = rows.map { row -> ColumnCell in
                switch column.name {
                case "root": return .text(row.contract.root)
                case "expiration": return .int(Int64(row.contract.expiration))
                case "strike": return .int(row.contract.strike)
                case "right": return .text(String(UnicodeScalar(row.contract.right.rawValue)))
                case "date": return .int(Int64(row.date))
                case "ms_of_day": return .int(Int64(row.msOfDay))
                default:
                    let columns = dataset.columns(in: .v3)
                    let v = columns.firstIndex { $0.name == column.name }!
                    let kind = columns[v].type
                    let doubleIndex = columns[..<v].count { $0.type == .double }
                    let integerIndex = columns[..<v].count { $0.type != .double }
                    if kind == .double { return row.doubles[doubleIndex].map { .bits($0.bitPattern) } ?? .null }
                    return row.integers[integerIndex].map { .int($0) } ?? .null
                }
            }
            #expect(got == want, "column \(column.name)")
        }
    }

    @Test("the SHA-256 and size are those of the bytes on disk")
    func checksum() throws {
        var rng = SeededRandom(seed: 22)
        let batches = try Self.decode(Self.body(.greeks, rows: 40_000, rng: &rng), .greeks)
        let dir = try temporaryDirectory()
        let staging = try StagingFile(path: dir + "/SPXW-20240315.ndjson", dataset: .greeks, version: .v3)
        for batch in batches { try staging.append(batch) }
        let staged = try staging.finish()
        let sum = Process()
        sum.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        sum.arguments = [staged.path]
        let out = Pipe()
        sum.standardOutput = out
        try sum.run()
        sum.waitUntilExit()
        let line = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(line.hasPrefix(staged.sha256 + " "))
        let size = try FileManager.default.attributesOfItem(atPath: staged.path)[.size] as? Int64
        #expect(size == staged.bytes && staged.bytes > 1 << 20)  // more than one flush
    }

    @Test("the file appears at its path only when finished; restart and discard leave no trace")
    func visibility() throws {
        var rng = SeededRandom(seed: 23)
        let batches = try Self.decode(Self.body(.quotes, rows: 100, rng: &rng), .quotes)
        let dir = try temporaryDirectory()
        let path = dir + "/SPXW-20240315.ndjson"
        let fm = FileManager.default

        let staging = try StagingFile(path: path, dataset: .quotes, version: .v3)
        try staging.append(batches[0])
        #expect(!fm.fileExists(atPath: path) && fm.fileExists(atPath: path + ".partial"))
        try staging.restart()
        try staging.append(batches[0])
        let staged = try staging.finish()
        #expect(staged.rows == 100)
        #expect(try Self.readBack(path, .quotes)[0][0].rowCount == 100)
        #expect(!fm.fileExists(atPath: path + ".partial"))

        let abandoned = try StagingFile(path: dir + "/SPX-20240315.ndjson", dataset: .quotes, version: .v3)
        try abandoned.append(batches[0])
        abandoned.discard()
        #expect(try fm.contentsOfDirectory(atPath: dir) == ["SPXW-20240315.ndjson"])
    }

    @Test("a directory that does not exist is named in the error")
    func missingDirectory() {
        #expect {
            _ = try StagingFile(path: "/nonexistent-spx/staging/SPXW.ndjson", dataset: .greeks, version: .v3)
        } throws: { error in
            "\(error)".contains("/nonexistent-spx/staging/SPXW.ndjson.partial") && "\(error)".contains("No such file")
        }
    }

    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "spx-staging-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
