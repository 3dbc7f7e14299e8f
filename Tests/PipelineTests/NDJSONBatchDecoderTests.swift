import TestSupport
import Parquet
import Testing
@testable import Pipeline

@Suite("NDJSON batch decoder")
struct NDJSONBatchDecoderTests {
    static let sample = #"{"root":"SPXW","expiration":20240312,"strike":5100000,"right":"C","date":20240312,"ms_of_day":34200000,"bid":76.4,"ask":77.2,"delta":0.8123,"theta":-12.3456,"vega":0.5432,"rho":0.0123,"epsilon":-0.0145,"lambda":54.321,"implied_vol":0.1432,"iv_error":0.0012,"ms_of_day2":34199512,"underlying_price":5117.09}"#

    /// The sample's values, column by column.
    static let sampleBatch: [ColumnBatch] = [
        ColumnBatch(.byteArray(ByteArrayColumn(strings: ["SPXW"]))), ColumnBatch(.int32([20_240_312])),
        ColumnBatch(.int32([5_100_000])), ColumnBatch(.byteArray(ByteArrayColumn(strings: ["C"]))),
        ColumnBatch(.int32([20_240_312])), ColumnBatch(.int32([34_200_000])),
        ColumnBatch(.double([76.4])), ColumnBatch(.double([77.2])), ColumnBatch(.double([0.8123])),
        ColumnBatch(.double([-12.3456])), ColumnBatch(.double([0.5432])), ColumnBatch(.double([0.0123])),
        ColumnBatch(.double([-0.0145])), ColumnBatch(.double([54.321])), ColumnBatch(.double([0.1432])),
        ColumnBatch(.double([0.0012])), ColumnBatch(.int32([34_199_512])), ColumnBatch(.double([5117.09])),
    ]

    static func decode(_ lines: [String], schema: NDJSONSchema = .greeks,
                       policy: NDJSONBatchDecoder.UnknownKeyPolicy = .ignore) throws(NDJSONError) -> [ColumnBatch] {
        var decoder = NDJSONBatchDecoder(schema: schema, unknownKeys: policy, batchCapacity: 4)
        for (n, line) in lines.enumerated() {
            try decoder.decode(line, number: n + 1)
        }
        return decoder.takeBatch()
    }

    @Test("the sample line decodes to exactly the expected values")
    func sampleLine() throws {
        let batch = try Self.decode([Self.sample])
        #expect(batch == Self.sampleBatch)
        #expect(batch.allSatisfy { $0.validity == nil && $0.rowCount == 1 })
        #expect(batch.map(\.values.physicalType) == NDJSONSchema.greeks.columns.map(\.kind.physicalType))
    }

    @Test("keys in any order, with whitespace and unknown keys, give the same row")
    func shuffledKeys() throws {
        let pairs = Self.sample.dropFirst().dropLast().split(separator: ",").map(String.init)
        let extras = [#""extra":{"a":[1,2.5e3,{"b":null}],"c":"\"}x\\"}"#, #""flag":true"#, #""list":[[],{},[[-0.0]]]"#,
                      #""nothing":null"#, #""note":"caf\u00e9 \ud83d\ude00""#, #""n":-1E-7"#]
        var rng = SeededRandom(seed: 3)
        let whitespace = ["", " ", "\t", "  \r\n "]
        for _ in 0..<200 {
            let fields = (pairs + extras).shuffled(using: &rng).map { pair -> String in
                let ws = { whitespace[Int(rng.next() % 4)] }
                let colon = pair.firstIndex(of: ":") ?? pair.startIndex
                return ws() + pair[..<colon] + ws() + ":" + ws() + pair[pair.index(after: colon)...] + ws()
            }
            let line = " {" + fields.joined(separator: ",") + "}\t"
            #expect(try Self.decode([line]) == Self.sampleBatch, "\(line)")
        }
    }

    @Test("string escapes decode to UTF-8 in values and keys")
    func escapes() throws {
        let schema = NDJSONSchema([.init("s", .string), .init("k\u{e9}y", .int32, nullable: true)])
        let lines = [
            #"{"s":"a\"b\\c\/d\b\f\n\r\t|\u0041\u00e9\u20AC\ud83d\ude00\u0000"}"#, #"{"s":"日本 ü","k\u00e9y":1}"#,
            #"{"\u0073":"escaped key","kéy":2}"#, #"{"s":""}"#,
        ]
        let batch = try Self.decode(lines, schema: schema)
        #expect(batch[0].values == .byteArray(ByteArrayColumn(strings: [
            "a\"b\\c/d\u{8}\u{c}\n\r\t|Aé€😀\u{0}", "日本 ü", "escaped key", "",
        ])))
        #expect(batch[1].values == .int32([1, 2]))
        #expect(batch[1].validity == [false, true, true, false])
    }

    @Test("every kind of column, nullable or not")
    func allKinds() throws {
        let schema = NDJSONSchema([
            .init("s", .string, nullable: true), .init("i", .int32, nullable: true), .init("l", .int64, nullable: true),
            .init("d", .double, nullable: true), .init("b", .bool, nullable: true), .init("r", .bool),
        ])
        let batch = try Self.decode([
            #"{"s":"x","i":-2147483648,"l":-9223372036854775808,"d":-0.0,"b":false,"r":true}"#,
            #"{"s":null,"i":null,"l":null,"d":null,"b":null,"r":false}"#,
            #"{"r":true}"#,
            #"{"s":"z","i":2147483647,"l":9223372036854775807,"d":1E+308,"b":true,"r":false}"#,
        ], schema: schema)
        #expect(batch[0].values == .byteArray(ByteArrayColumn(strings: ["x", "z"])))
        #expect(batch[1].values == .int32([.min, .max]))
        #expect(batch[2].values == .int64([.min, .max]))
        #expect(batch[3].values == .double([-0.0, 1e308]))
        if case .double(let d) = batch[3].values { #expect(d.first?.sign == .minus) }
        #expect(batch[4].values == .boolean([false, true]))
        #expect(batch[5].values == .boolean([true, false, true, false]))
        for c in 0..<5 { #expect(batch[c].validity == [true, false, false, true]) }
        #expect(batch[5].validity == nil)
        #expect(batch.allSatisfy { $0.rowCount == 4 })
    }

    @Test("a double column takes integers and every exponent form")
    func doubleForms() throws {
        let schema = NDJSONSchema([.init("d", .double)])
        let texts = ["3", "-0", "3.0", "1e5", "1E+05", "1.5e-300", "2.5E3", "0.1", "4.9e-324", "1e400", "-1e400"]
        let batch = try Self.decode(texts.map { #"{"d":\#($0)}"# }, schema: schema)
        #expect(batch[0].values == .double(texts.compactMap { Double($0) }))
    }

    @Test("blank lines add no row and are recognised beforehand", arguments: ["", " ", "\t \r", "  \n  "])
    func blankLines(line: String) throws {
        var decoder = NDJSONBatchDecoder(schema: .greeks)
        #expect(line.bytes.withUnsafeBytes { NDJSONBatchDecoder.isBlank($0) })
        #expect(try decoder.decode(line, number: 1) == false)
        #expect(decoder.rowCount == 0)
        #expect(try decoder.decode(Self.sample, number: 2) == true)
        #expect(!Self.sample.bytes.withUnsafeBytes { NDJSONBatchDecoder.isBlank($0) })
    }

    @Test("takeBatch hands over the rows and leaves an empty, reusable decoder")
    func takeBatchResets() throws {
        var decoder = NDJSONBatchDecoder(schema: .greeks, batchCapacity: 2)
        for n in 1...5 { try decoder.decode(Self.sample, number: n) }
        #expect(decoder.rowCount == 5)
        let first = decoder.takeBatch()
        #expect(first.allSatisfy { $0.rowCount == 5 })
        #expect(decoder.rowCount == 0)
        #expect(decoder.takeBatch().allSatisfy { $0.rowCount == 0 && $0.validity == nil })
        try decoder.decode(Self.sample, number: 6)
        #expect(decoder.takeBatch() == Self.sampleBatch)
    }

    @Test("batches grow past their reserved capacity")
    func growth() throws {
        var decoder = NDJSONBatchDecoder(schema: .greeks, batchCapacity: 1)
        for n in 1...1000 { try decoder.decode(Self.sample, number: n) }
        let batch = decoder.takeBatch()
        #expect(batch.allSatisfy { $0.rowCount == 1000 })
        #expect(batch[17].values == .double(Array(repeating: 5117.09, count: 1000)))
    }

    @Test("copies of a decoder are independent")
    func valueSemantics() throws {
        var original = NDJSONBatchDecoder(schema: .greeks)
        try original.decode(Self.sample, number: 1)
        var copy = original
        try copy.decode(Self.sample, number: 2)
        #expect(original.rowCount == 1)
        #expect(copy.rowCount == 2)
        #expect(original.takeBatch() == Self.sampleBatch)
        #expect(copy.takeBatch().allSatisfy { $0.rowCount == 2 })
    }
}

extension NDJSONBatchDecoder {
    /// Decodes `line` as text, for tests.
    @discardableResult
    mutating func decode(_ line: String, number: Int) throws(NDJSONError) -> Bool {
        var result: Result<Bool, NDJSONError> = .success(false)
        line.bytes.withUnsafeBytes { raw in
            result = Result { () throws(NDJSONError) in try decode(line: raw, lineNumber: number) }
        }
        return try result.get()
    }
}
