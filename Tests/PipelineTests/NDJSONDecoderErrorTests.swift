import TestSupport
import Parquet
import Testing
@testable import Pipeline

@Suite("NDJSON decoder errors")
struct NDJSONDecoderErrorTests {
    static let sample = NDJSONBatchDecoderTests.sample

    /// Decodes the sample, then `bad` as line 2; returns the error, after checking that the
    /// decoder still holds exactly the sample's row.
    func failure(_ bad: [UInt8], schema: NDJSONSchema = .greeks, policy: NDJSONBatchDecoder.UnknownKeyPolicy = .ignore,
                 good: String = sample, sourceLocation: SourceLocation = #_sourceLocation) -> NDJSONError? {
        var decoder = NDJSONBatchDecoder(schema: schema, unknownKeys: policy, batchCapacity: 1)
        do {
            try decoder.decode(good, number: 1)
        } catch {
            Issue.record("the good line failed: \(error)", sourceLocation: sourceLocation)
        }
        let before = decoder
        var result: NDJSONError?
        bad.withUnsafeBytes { raw in
            do throws(NDJSONError) {
                try decoder.decode(line: raw, lineNumber: 2)
            } catch {
                result = error
            }
        }
        #expect(decoder.rowCount == 1, sourceLocation: sourceLocation)
        var expected = before
        #expect(decoder.takeBatch() == expected.takeBatch(), "the failed line left something behind", sourceLocation: sourceLocation)
        return result
    }

    func failure(_ bad: String, schema: NDJSONSchema = .greeks, policy: NDJSONBatchDecoder.UnknownKeyPolicy = .ignore,
                 good: String = sample, sourceLocation: SourceLocation = #_sourceLocation) -> NDJSONError? {
        failure(bad.bytes, schema: schema, policy: policy, good: good, sourceLocation: sourceLocation)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var line: String
        var code: NDJSONError.Code
        var field: String?
        var column: Int?
        var message: String
        var testDescription: String { line }
    }

    static let cases: [Case] = [
        Case(line: #"{"root":"SPXW","strike":51.5}"#, code: .typeMismatch, field: "strike", column: 25,
             message: #"expected an int32 integer, found "51.5""#),
        Case(line: #"{"root":"SPXW","strike":"51.5"}"#, code: .typeMismatch, field: "strike", column: 25,
             message: #"expected an int32 integer, found the string "51.5""#),
        Case(line: #"{"root":"SPXW","strike":1e3}"#, code: .typeMismatch, field: "strike", column: 25, message: #"found "1e3""#),
        Case(line: #"{"root":"SPXW","expiration":20240312.0}"#, code: .typeMismatch, field: "expiration", column: 29,
             message: "expected an int32 integer"),
        Case(line: #"{"root":"SPXW","strike":3000000000}"#, code: .outOfRange, field: "strike", column: 25,
             message: "-2147483648...2147483647"),
        Case(line: #"{"root":"SPXW","strike":-2147483649}"#, code: .outOfRange, field: "strike", column: 25, message: "outside"),
        Case(line: #"{"root":"SPXW","strike":01}"#, code: .malformedJSON, field: "strike", column: 25, message: "not a valid JSON number"),
        Case(line: #"{"root":"SPXW","strike":--1}"#, code: .malformedJSON, field: "strike", column: 25, message: "not a valid JSON number"),
        Case(line: #"{"root":5,"strike":1}"#, code: .typeMismatch, field: "root", column: 9, message: #"expected a string, found "5""#),
        Case(line: #"{"root":true}"#, code: .typeMismatch, field: "root", column: 9, message: "found true"),
        Case(line: #"{"root":{"a":1}}"#, code: .typeMismatch, field: "root", column: 9, message: "found an object"),
        Case(line: #"{"root":["SPXW"]}"#, code: .typeMismatch, field: "root", column: 9, message: "found an array"),
        Case(line: #"{"root":null}"#, code: .typeMismatch, field: "root", column: 9, message: "found null"),
        Case(line: #"{"root":"SPXW","bid":"76.4"}"#, code: .typeMismatch, field: "bid", column: 22, message: "expected a number"),
        Case(line: #"{"root":"SPXW","bid":NaN}"#, code: .malformedJSON, field: "bid", column: 22, message: #"found "NaN""#),
        Case(line: #"{"root":"SPXW","bid":Infinity}"#, code: .malformedJSON, field: "bid", column: 22, message: "expected a number"),
        Case(line: #"{"root":"SPXW","bid":-}"#, code: .malformedJSON, field: "bid", column: 22, message: "not a valid JSON number"),
        Case(line: #"{"root":"SPXW","bid":1.}"#, code: .malformedJSON, field: "bid", column: 22, message: "not a valid JSON number"),
        Case(line: #"{"root":"SPXW","bid":tru}"#, code: .malformedJSON, field: "bid", column: 22, message: "expected a number"),
        Case(line: #"{"root":"A","root":"B"}"#, code: .duplicateField, field: "root", column: 13, message: "twice"),
        Case(line: #"{"root":"A","strike":1,"ms_of_day":2,"strike":1}"#, code: .duplicateField, field: "strike", column: 38,
             message: "twice"),
        Case(line: #"{"root":"SPXW"}"#, code: .missingField, field: "expiration", column: nil, message: "missing"),
        Case(line: "{}", code: .missingField, field: "root", column: nil, message: "missing"),
        Case(line: #"{"root":"SPXW""#, code: .malformedJSON, field: nil, column: 15, message: "the line ends"),
        Case(line: #"{"root":"SP"#, code: .malformedJSON, field: "root", column: 12, message: "the line ends inside a string"),
        Case(line: #"{"root":"SPXW"} trailing"#, code: .malformedJSON, field: nil, column: 17, message: "after the object"),
        Case(line: #"{"root":"SPXW"}{}"#, code: .malformedJSON, field: nil, column: 16, message: "after the object"),
        Case(line: "[1,2]", code: .malformedJSON, field: nil, column: 1, message: "'{'"),
        Case(line: #""root""#, code: .malformedJSON, field: nil, column: 1, message: "'{'"),
        Case(line: #"{"root":"SPXW",}"#, code: .malformedJSON, field: nil, column: 16, message: "a key in double quotes"),
        Case(line: #"{"root":"SPXW" "strike":1}"#, code: .malformedJSON, field: nil, column: 16, message: "',' or '}'"),
        Case(line: #"{"root" "SPXW"}"#, code: .malformedJSON, field: nil, column: 9, message: "':'"),
        Case(line: #"{root:"SPXW"}"#, code: .malformedJSON, field: nil, column: 2, message: "a key in double quotes"),
        Case(line: #"{"root":"a\xb"}"#, code: .malformedJSON, field: "root", column: 11, message: "invalid escape"),
        Case(line: #"{"root":"\u12"}"#, code: .malformedJSON, field: "root", column: 10, message: "4 hex digits"),
        Case(line: #"{"root":"\ud83d"}"#, code: .malformedJSON, field: "root", column: 10, message: "high surrogate"),
        Case(line: #"{"root":"\ud83d\u0041"}"#, code: .malformedJSON, field: "root", column: 10, message: "high surrogate"),
        Case(line: #"{"root":"\ude00"}"#, code: .malformedJSON, field: "root", column: 10, message: "low surrogate"),
        Case(line: "{\"root\":\"a\tb\"}", code: .malformedJSON, field: "root", column: 11, message: "control character"),
        Case(line: #"{"extra":[1,2,}"#, code: .malformedJSON, field: nil, column: 15, message: "expected a JSON value"),
        Case(line: #"{"extra":{"a" 1}}"#, code: .malformedJSON, field: nil, column: 15, message: "':'"),
        Case(line: #"{"extra":[1 2]}"#, code: .malformedJSON, field: nil, column: 13, message: "',' or ']'"),
        Case(line: #"{"extra":nul}"#, code: .malformedJSON, field: nil, column: 10, message: "expected null"),
        Case(line: #"{"extra":"\q"}"#, code: .malformedJSON, field: nil, column: 11, message: "invalid escape"),
        Case(line: #"{"extra":-}"#, code: .malformedJSON, field: nil, column: 10, message: "expected a JSON value"),
        Case(line: "{\"extra\":" + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "}",
             code: .malformedJSON, field: nil, column: nil, message: "nested more than"),
    ]

    @Test("each malformed line names its line, field, byte and problem", arguments: cases)
    func malformed(_ c: Case) throws {
        let e = try #require(failure(c.line))
        #expect(e.code == c.code)
        #expect(e.line == 2)
        #expect(e.field == c.field)
        if let column = c.column { #expect(e.column == column) }
        #expect(e.message.contains(c.message), "\(e.message)")
        #expect(e.description.hasPrefix("line 2"))
        if let field = c.field { #expect(e.description.contains("field \"\(field)\"")) }
    }

    @Test("the message reads as documented")
    func description() throws {
        let e = try #require(failure(#"{"root":"SPXW","strike":51.5}"#))
        #expect(e.description == #"line 2, field "strike" (byte 25): expected an int32 integer, found "51.5""#)
    }

    @Test("invalid UTF-8 is refused in values, keys and skipped strings", arguments: [
        [0xC3, 0x28], [0xFF], [0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xF0, 0x9F, 0x98], [0xE2, 0x82],
    ] as [[UInt8]])
    func invalidUTF8(bytes: [UInt8]) throws {
        let value = try #require(failure(Array(#"{"root":"a"#.utf8) + bytes + Array(#""}"#.utf8)))
        #expect(value.code == .malformedJSON && value.field == "root" && value.column == 11)
        #expect(value.message.contains("UTF-8"))
        let key = try #require(failure(Array(#"{"ro"#.utf8) + bytes + Array(#"ot":1}"#.utf8)))
        #expect(key.code == .malformedJSON && key.column == 5)
        let skipped = try #require(failure(Array(#"{"x":["#.utf8) + [0x22] + bytes + Array(#""]}"#.utf8)))
        #expect(skipped.code == .malformedJSON && skipped.column == 8)
    }

    @Test("invalid UTF-8 checking agrees with the standard library on random bytes")
    func utf8Validation() {
        var rng = SeededRandom(seed: 8)
        for _ in 0..<50_000 {
            let count = 1 + Int(rng.next() % 6)
            var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) | 0x80 }
            if rng.next() % 2 == 0 { bytes[0] = [0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5][Int(rng.next() % 8)] }
            let expectedLength = String(validating: bytes, as: UTF8.self).map { _ in bytes.count }
            let oneSequence = bytes.withUnsafeBufferPointer { p -> Int? in
                guard let base = p.baseAddress else { return nil }
                var at = 0
                while at < p.count {
                    let n = p[at] < 0x80 ? 1 : LineParser.utf8SequenceLength(base + at, remaining: p.count - at)
                    if n == 0 { return nil }
                    at += n
                }
                return at
            }
            #expect(oneSequence == expectedLength, "\(bytes)")
        }
    }

    @Test("unknown keys are refused under the reject policy, naming the key")
    func rejectUnknown() throws {
        let schema = NDJSONSchema([.init("a", .int32, nullable: true)])
        let e = try #require(failure(#"{"a":1,"z\u007a":2}"#, schema: schema, policy: .reject, good: "{}"))
        #expect(e.code == .unknownField)
        #expect(e.message.contains(#""zz""#))
        #expect(e.column == 8)
        var decoder = NDJSONBatchDecoder(schema: schema, unknownKeys: .reject)
        #expect(throws: Never.self) { try decoder.decode(#"{"a":1}"#, number: 1) }
    }

    @Test("a nullable column's null stays; a required column refuses it")
    func nulls() throws {
        let schema = NDJSONSchema([.init("a", .int64, nullable: true), .init("b", .double)])
        let good = #"{"b":1}"#
        let e = try #require(failure(#"{"a":null,"b":null}"#, schema: schema, good: good))
        #expect(e.code == .typeMismatch && e.field == "b" && e.column == 15)
        #expect(try #require(failure(#"{"a":null}"#, schema: schema, good: good)).code == .missingField)
        #expect(try #require(failure(#"{"a":99999999999999999999,"b":1}"#, schema: schema, good: good)).code == .outOfRange)
        #expect(try #require(failure(#"{"b":1,"a":nul}"#, schema: schema, good: good)).code == .malformedJSON)
    }

    @Test("every truncation of a good line fails without leaving a partial row")
    func truncations() {
        let bytes = Self.sample.bytes
        for length in 1..<bytes.count {
            let e = failure(Array(bytes[..<length]))
            #expect(e != nil, "prefix of \(length) bytes")
            #expect(e?.line == 2)
        }
    }

    @Test("random corruption either decodes a row or fails leaving no trace")
    func corruption() {
        var rng = SeededRandom(seed: 21)
        let bytes = Self.sample.bytes
        let alphabet = Array(#"{}[]":,\ 0123456789.-eEtfnul"SPXW"#.utf8) + [0x80, 0xC3, 0x09]
        for _ in 0..<3_000 {
            var line = bytes
            for _ in 0...(rng.next() % 3) {
                let at = Int(rng.next() % UInt64(line.count))
                switch rng.next() % 3 {
                case 0: line[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                case 1: line.remove(at: at)
                default: line.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                }
            }
            // `failure` checks the decoder afterwards; a line that does decode adds one row.
            var decoder = NDJSONBatchDecoder(schema: .greeks)
            let decoded = line.withUnsafeBytes { raw in (try? decoder.decode(line: raw, lineNumber: 1)) != nil }
            if decoded {
                #expect(decoder.rowCount == 1)
                #expect(decoder.takeBatch().allSatisfy { $0.rowCount == 1 })
            } else {
                #expect(failure(line) != nil)
            }
        }
    }
}
