import TestSupport
import Parquet
import Testing
@testable import Pipeline

/// Random rows written as JSON text by an independent encoder, decoded, and compared cell
/// by cell with the values they were written from.
@Suite("NDJSON decoder round trip")
struct NDJSONDecoderPropertyTests {
    static let schema = NDJSONSchema([
        .init("name", .string), .init("count", .int32), .init("total", .int64), .init("price", .double),
        .init("open", .bool), .init("note", .string, nullable: true), .init("ratio", .double, nullable: true),
        .init("id", .int64, nullable: true),
    ])

    enum Cell: Equatable {
        case string([UInt8]), int32(Int32), int64(Int64), double(Double), bool(Bool), null
    }

    /// JSON text for a string: escapes chosen at random where JSON allows a choice.
    static func encode(_ text: String, _ rng: inout SeededRandom) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += rng.next() % 2 == 0 ? "\\\\" : "\\u005C"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "/": out += rng.next() % 2 == 0 ? "/" : "\\/"
            case _ where scalar.value < 0x20:
                out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            case _ where rng.next() % 4 == 0:
                // Escape as UTF-16 code units, surrogate pairs beyond U+FFFF.
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16, uppercase: rng.next() % 2 == 0)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func randomString(_ rng: inout SeededRandom) -> String {
        let pool: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{1F}", "é", "€", "日",
                                      "😀", "\u{10FFFF}", "\u{FFFF}", "\u{7F}"]
        let length = Int(rng.next() % 12)
        var s = String.UnicodeScalarView()
        for _ in 0..<length { s.append(pool[Int(rng.next() % UInt64(pool.count))]) }
        return String(s)
    }

    static func randomDouble(_ rng: inout SeededRandom) -> (Double, String) {
        switch rng.next() % 4 {
        case 0:
            let v = Double(Int64(rng.next() % 2_000_000) - 1_000_000) / 100
            return (v, v.description)
        case 1:
            let v = Double(Int64(rng.next() % 2_000_000) - 1_000_000)
            return (v, String(Int64(v)))
        default:
            var v = Double(bitPattern: rng.next())
            if !v.isFinite { v = 0.5 }
            return (v, rng.next() % 2 == 0 ? v.description : v.description.uppercased())
        }
    }

    /// One random row: its cells in schema order and its JSON text.
    static func randomRow(_ rng: inout SeededRandom) -> ([Cell], String) {
        var cells: [Cell] = []
        var fields: [String] = []
        for column in schema.columns {
            if column.nullable && rng.next() % 3 == 0 {
                cells.append(.null)
                if rng.next() % 2 == 0 { fields.append("\"\(column.name)\":null") }
                continue
            }
            let text: String
            switch column.kind {
            case .string:
                let s = randomString(&rng)
                cells.append(.string(Array(s.utf8)))
                text = encode(s, &rng)
            case .int32:
                let v = Int32(truncatingIfNeeded: Int64(bitPattern: rng.next()) >> (rng.next() % 64))
                cells.append(.int32(v))
                text = String(v)
            case .int64:
                let v = Int64(bitPattern: rng.next()) >> (rng.next() % 64)
                cells.append(.int64(v))
                text = String(v)
            case .double:
                let (v, t) = randomDouble(&rng)
                cells.append(.double(v))
                text = t
            case .bool:
                let v = rng.next() % 2 == 0
                cells.append(.bool(v))
                text = String(v)
            }
            fields.append("\"\(column.name)\":\(text)")
        }
        if rng.next() % 4 == 0 { fields.append(#""unknown":{"x":[1,"}",{"y":null}]}"#) }
        if rng.next() % 3 == 0 { fields.shuffle(using: &rng) }
        return (cells, "{" + fields.joined(separator: rng.next() % 5 == 0 ? " , " : ",") + "}")
    }

    /// The cells of row `row` of column `c` in a batch.
    static func cell(_ batch: [ColumnBatch], column c: Int, row: Int) -> Cell {
        let b = batch[c]
        if let validity = b.validity, !validity[row] { return .null }
        let index = b.validity.map { v in v[..<row].count { $0 } } ?? row
        switch b.values {
        case .byteArray(let v): return .string(v[index])
        case .int32(let v): return .int32(v[index])
        case .int64(let v): return .int64(v[index])
        case .double(let v): return .double(v[index])
        case .boolean(let v): return .bool(v[index])
        default: return .null
        }
    }

    @Test("random rows decode to exactly the values they were written from", arguments: [1, 2, 3])
    func randomRows(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        var decoder = NDJSONBatchDecoder(schema: Self.schema, batchCapacity: 64)
        var expected: [[Cell]] = []
        for n in 1...2_000 {
            let (cells, line) = Self.randomRow(&rng)
            expected.append(cells)
            try decoder.decode(line, number: n)
        }
        let batch = decoder.takeBatch()
        for (row, cells) in expected.enumerated() {
            for c in cells.indices {
                let got = Self.cell(batch, column: c, row: row)
                // Compare doubles by bits so that -0.0 and 0.0 differ.
                if case .double(let a) = got, case .double(let b) = cells[c] {
                    #expect(a.bitPattern == b.bitPattern, "row \(row + 1), \(Self.schema.columns[c].name)")
                } else {
                    #expect(got == cells[c], "row \(row + 1), \(Self.schema.columns[c].name)")
                }
            }
        }
    }
}

/// Lines in canonical form (schema order, no whitespace, no nulls, no escapes) take a path of
/// their own; it must store exactly what the general path stores for the same row.
@Suite("NDJSON canonical lines")
struct NDJSONCanonicalLineTests {
    typealias Rows = NDJSONDecoderPropertyTests

    /// A row's fields as key-value texts in schema order, with no nulls; a string field
    /// needs an escape (which ends the canonical path mid-line) about one time in five.
    static func fields(_ rng: inout SeededRandom) -> [(String, String)] {
        Rows.schema.columns.map { column in
            let text: String
            switch column.kind {
            case .string:
                let plain = ["", "SPXW", "C", "é€日", "a b"][Int(rng.next() % 5)]
                text = rng.next() % 5 == 0 ? "\"\\u0041\(plain)\"" : "\"\(plain)\""
            case .int32: text = String(Int32(truncatingIfNeeded: Int64(bitPattern: rng.next()) >> (rng.next() % 64)))
            case .int64: text = String(Int64(bitPattern: rng.next()) >> (rng.next() % 64))
            case .double: text = Rows.randomDouble(&rng).1
            case .bool: text = String(rng.next() % 2 == 0)
            }
            return (column.name, text)
        }
    }

    @Test("canonical lines and the same rows spaced out decode to identical batches", arguments: [11, 12])
    func sameAsGeneralPath(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        var canonical = NDJSONBatchDecoder(schema: Rows.schema, batchCapacity: 16)
        var spaced = NDJSONBatchDecoder(schema: Rows.schema, batchCapacity: 16)
        for n in 1...3_000 {
            let row = Self.fields(&rng)
            try canonical.decode("{" + row.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}", number: n)
            try spaced.decode("{ " + row.map { "\"\($0.0)\": \($0.1)" }.joined(separator: " , ") + " }", number: n)
        }
        let a = canonical.takeBatch(), b = spaced.takeBatch()
        #expect(a.count == b.count)
        for c in a.indices {
            #expect(a[c].rowCount == 3_000)
            if case .double(let x) = a[c].values, case .double(let y) = b[c].values {
                #expect(x.map(\.bitPattern) == y.map(\.bitPattern), "\(Rows.schema.columns[c].name)")
            } else {
                #expect(a[c].values == b[c].values, "\(Rows.schema.columns[c].name)")
            }
            #expect(a[c].validity == b[c].validity)
        }
    }

    @Test("a canonical line that turns out malformed stores nothing and names the field", arguments: [
        (#"{"name":"x","count":1,"total":2,"price":1.5,"open":true,"note":"n","ratio":0.5,"id":"7"}"#, "id"),
        (#"{"name":"x","count":1,"total":2,"price":1.5,"open":maybe,"note":"n","ratio":0.5,"id":7}"#, "open"),
        (#"{"name":"x","count":3000000000,"total":2,"price":1.5,"open":true,"note":"n","ratio":0.5,"id":7}"#, "count"),
    ])
    func malformedAfterCanonicalStart(line: String, field: String) throws {
        var decoder = NDJSONBatchDecoder(schema: Rows.schema, batchCapacity: 16)
        let good = #"{"name":"a","count":1,"total":2,"price":1.5,"open":false,"note":null,"ratio":0.25,"id":9}"#
        try decoder.decode(good, number: 1)
        do {
            try decoder.decode(line, number: 2)
            Issue.record("the malformed line was accepted")
        } catch {
            #expect(error.field == field)
        }
        try decoder.decode(good, number: 3)
        let batch = decoder.takeBatch()
        #expect(batch.allSatisfy { $0.rowCount == 2 })
        #expect(batch[0].values == .byteArray(ByteArrayColumn(strings: ["a", "a"])))
        #expect(batch[7].values == .int64([9, 9]))
    }
}
