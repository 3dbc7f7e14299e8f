import Testing
@testable import ThetaData

@Suite("v2 JSON rows that break the body's structure")
struct V2JSONStructureTests {
    static let header = #"{"header":{"id":1,"latency_ms":0,"error_type":"null","error_msg":"null","next_page":"null","format":["ms_of_day","bid","ask","date"]},"response":["#

    func decode(_ body: String, chunkSize: Int) throws -> DecodeReport {
        let bytes = Array(body.utf8)
        return try bytes.withUnsafeBytes { raw in
            try BodyDecoder.decode(raw, dataset: .quotes, format: .v2JSON, chunkSize: chunkSize) { _ in }
        }
    }

    @Test("a bracket where a value belongs is a malformed body, named, at any chunk size", arguments: [1, 7, 4096])
    func closingBraceInsideRow(chunkSize: Int) {
        let body = Self.header + #"{"contract":{"root":"SPXW","expiration":20240315,"strike":5100000,"right":"C"},"ticks":[[34200000,1.5,}]}]}"#
        #expect {
            try decode(body, chunkSize: chunkSize)
        } throws: { error in
            (error as? BodyDecodingError)?.message.contains("'}' where a value belongs") == true
        }
    }

    @Test("rows cut at every byte still decode whole", arguments: [1, 2, 3, 5])
    func rowsCutAnywhere(chunkSize: Int) throws {
        let ticks = (0..<20).map { "[\(34_200_000 + $0 * 60_000), \($0).25 ,\($0).5,20240315]" }.joined(separator: ",")
        let body = Self.header + #"{"contract":{"root":"SPXW","expiration":20240315,"strike":5100000,"right":"C"},"ticks":["#
            + ticks + "]}]}"
        let report = try decode(body, chunkSize: chunkSize)
        #expect(report.rows == 20 && report.malformedRows == 0)
    }
}
