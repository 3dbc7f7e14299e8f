import Parquet
import Testing
@testable import Pipeline

@Suite("NDJSON batch decoder")
struct NDJSONBatchDecoderTests {
    static let sample = #"{"root":"SPXW","expiration":20240312,"strike":5100000,"right":"C","date":20240312,"ms_of_day":34200000,"bid":76.4,"ask":77.2,"delta":0.8123,"theta":-12.3456,"vega":0.5432,"rho":0.0123,"epsilon":-0.0145,"lambda":54.321,"implied_vol":0.1432,"iv_error":0.0012,"ms_of_day2":34199512,"underlying_price":5117.09}"#

    func decode(_ lines: [String], schema: NDJSONSchema = .greeks, policy: NDJSONBatchDecoder.UnknownKeyPolicy = .ignore) throws -> [ColumnBatch] {
        var decoder = NDJSONBatchDecoder(schema: schema, unknownKeys: policy, batchCapacity: 4)
        for (n, line) in lines.enumerated() {
            let bytes = Array(line.utf8)
            try bytes.withUnsafeBytes { raw in _ = try decoder.decode(line: raw, lineNumber: n + 1) }
        }
        return decoder.takeBatch()
    }

    func error(_ lines: [String], schema: NDJSONSchema = .greeks, policy: NDJSONBatchDecoder.UnknownKeyPolicy = .ignore) -> NDJSONError? {
        do {
            _ = try decode(lines, schema: schema, policy: policy)
            return nil
        } catch {
            return error as? NDJSONError
        }
    }

    @Test("the sample line decodes to the exact values")
    func sampleLine() throws {
        let batch = try decode([Self.sample])
        #expect(batch[0].values == .byteArray(ByteArrayColumn(strings: ["SPXW"])))
        #expect(batch[2].values == .int32([5_100_000]))
        #expect(batch[3].values == .byteArray(ByteArrayColumn(strings: ["C"])))
        #expect(batch[8].values == .double([0.8123]))
        #expect(batch[9].values == .double([-12.3456]))
        #expect(batch[17].values == .double([5117.09]))
        #expect(batch.allSatisfy { $0.validity == nil && $0.rowCount == 1 })
    }

    @Test("keys in any order, with whitespace and unknown nested keys, give the same row")
    func shuffledKeys() throws {
        let pairs = Self.sample.dropFirst().dropLast().split(separator: ",").map(String.init)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let shuffled = "{ " + (pairs.shuffled(using: &rng) + [#""extra":{"a":[1,2,{"b":null}],"c":"\"x\""}"#]).joined(separator: " , ") + " }"
            #expect(try decode([shuffled]) == decode([Self.sample]))
        }
    }

    @Test("string escapes decode to UTF-8")
    func escapes() throws {
        let schema = NDJSONSchema([.init("s", .string)])
        let batch = try decode([#"{"s":"a\"b\\c\/d\n\u00e9\ud83d\ude00"}"#, #"{"s":"日本"}"#, #"{"\u0073":"key escaped"}"#], schema: schema)
        #expect(batch[0].values == .byteArray(ByteArrayColumn(strings: ["a\"b\\c/d\né😀", "日本", "key escaped"])))
    }

    @Test("nullable columns take null and missing keys; required ones refuse them")
    func nulls() throws {
        let schema = NDJSONSchema([.init("a", .int64, nullable: true), .init("b", .double)])
        let batch = try decode([#"{"a":null,"b":1.5}"#, #"{"b":2.5}"#, #"{"a":7,"b":3.0}"#], schema: schema)
        #expect(batch[0].values == .int64([7]))
        #expect(batch[0].validity == [false, false, true])
        #expect(batch[1].values == .double([1.5, 2.5, 3.0]))
        #expect(error([#"{"a":1,"b":null}"#], schema: schema)?.code == .typeMismatch)
        #expect(error([#"{"a":1}"#], schema: schema)?.code == .missingField)
    }

    @Test("each malformed line names its line, field and problem", arguments: [
        (#"{"root":"SPXW","strike":"51.5"}"#, NDJSONError.Code.typeMismatch, "strike"),
        (#"{"root":"SPXW","strike":51.5}"#, .typeMismatch, "strike"),
        (#"{"root":"SPXW","strike":3000000000}"#, .outOfRange, "strike"),
        (#"{"root":5,"strike":1}"#, .typeMismatch, "root"),
        (#"{"root":"A","root":"B"}"#, .duplicateField, "root"),
        (#"{"root":"SPXW""#, .malformedJSON, nil),
        (#"{"root":"SPXW"} trailing"#, .malformedJSON, nil),
        (#"{"root":"SP"#, .malformedJSON, "root"),
        (#"[1,2]"#, .malformedJSON, nil),
    ] as [(String, NDJSONError.Code, String?)])
    func malformed(line: String, code: NDJSONError.Code, field: String?) {
        let e = error([Self.sample, line])
        #expect(e?.code == code, "\(String(describing: e))")
        #expect(e?.line == 2)
        if let field { #expect(e?.field == field) }
        #expect(e?.description.contains("line 2") == true)
    }

    @Test("invalid UTF-8 in a string is refused")
    func invalidUTF8() {
        var decoder = NDJSONBatchDecoder(schema: NDJSONSchema([.init("s", .string)]))
        let bytes: [UInt8] = Array(#"{"s":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(throws: NDJSONError.self) {
            try bytes.withUnsafeBytes { raw in _ = try decoder.decode(line: raw, lineNumber: 1) }
        }
    }

    @Test("unknown keys are refused under the reject policy")
    func rejectUnknown() {
        let e = error([#"{"a":1,"zzz":2}"#], schema: NDJSONSchema([.init("a", .int32)]), policy: .reject)
        #expect(e?.code == .unknownField)
        #expect(e?.message.contains("zzz") == true)
    }

    @Test("a failed line leaves no partial row behind")
    func rollback() throws {
        let schema = NDJSONSchema([.init("a", .int32), .init("s", .string), .init("n", .double, nullable: true), .init("b", .bool)])
        var decoder = NDJSONBatchDecoder(schema: schema, batchCapacity: 2)
        let lines = [#"{"a":1,"s":"x","n":null,"b":true}"#, #"{"a":2,"s":"yy","n":2.5,"b":"no"}"#, #"{"a":3,"s":"z","n":3.5,"b":false}"#]
        var failures = 0
        for (i, line) in lines.enumerated() {
            let bytes = Array(line.utf8)
            do {
                try bytes.withUnsafeBytes { raw in _ = try decoder.decode(line: raw, lineNumber: i + 1) }
            } catch {
                failures += 1
            }
        }
        #expect(failures == 1)
        #expect(decoder.rowCount == 2)
        let batch = decoder.takeBatch()
        #expect(batch[0].values == .int32([1, 3]))
        #expect(batch[1].values == .byteArray(ByteArrayColumn(strings: ["x", "z"])))
        #expect(batch[2].values == .double([3.5]))
        #expect(batch[2].validity == [false, true])
        #expect(batch[3].values == .boolean([true, false]))
        #expect(decoder.rowCount == 0)
        #expect(decoder.takeBatch()[0].values == .int32([]))
    }

    @Test("blank lines add no row")
    func blankLines() throws {
        var decoder = NDJSONBatchDecoder(schema: .greeks)
        let added = Array("   ".utf8).withUnsafeBytes { raw in try? decoder.decode(line: raw, lineNumber: 1) }
        #expect(added == false)
        #expect(decoder.rowCount == 0)
    }

    @Test("batches grow past their initial capacity")
    func growth() throws {
        let batch = try decode(Array(repeating: Self.sample, count: 50))
        #expect(batch.allSatisfy { $0.rowCount == 50 })
    }
}
