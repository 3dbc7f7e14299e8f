import TestSupport
import Foundation
import Parquet
import Testing
@testable import Pipeline

@Suite("NDJSON line reader")
struct NDJSONLineReaderTests {
    /// Writes `bytes` to a fresh file in a temporary directory; the caller removes it.
    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let directory = NSTemporaryDirectory() + "ndjson-lines-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/input.ndjson"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }

    /// The lines the file reader hands over, checking their numbers run 1, 2, 3….
    static func fileLines(_ bytes: [UInt8], chunkSize: Int, maxLine: Int = 1 << 20) throws -> [[UInt8]] {
        let path = try temporaryFile(bytes)
        defer { remove(path) }
        var lines: [[UInt8]] = []
        try NDJSONLineReader.forEachLine(path: path, chunkSize: chunkSize, maxLineBytes: maxLine) { line, number in
            #expect(number == lines.count + 1)
            lines.append(Array(line))
        }
        return lines
    }

    static func memoryLines(_ bytes: [UInt8], maxLine: Int = 1 << 20) throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        try NDJSONLineReader.forEachLine(in: bytes, maxLineBytes: maxLine) { line, number in
            #expect(number == lines.count + 1)
            lines.append(Array(line))
        }
        return lines
    }

    /// What the lines of `bytes` should be: split at '\n', a '\r' before it dropped, no
    /// empty line after a final '\n'.
    static func reference(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> [UInt8] in
            line.last == 0x0D ? Array(line.dropLast()) : Array(line)
        }
        if bytes.last == 0x0A || bytes.isEmpty { lines.removeLast() }
        return lines
    }

    @Test("lines across chunk boundaries, CRLF, blank lines and a missing final newline", arguments: [1, 2, 3, 7, 16, 64, 4096])
    func boundaries(chunkSize: Int) throws {
        let text = "first line\r\n{\"a\":1}\n\n\r\n" + NDJSONBatchDecoderTests.sample + "\nlast without newline é"
        let expected = ["first line", "{\"a\":1}", "", "", NDJSONBatchDecoderTests.sample, "last without newline é"]
        #expect(try Self.fileLines(text.bytes, chunkSize: chunkSize) == expected.map(\.bytes))
        #expect(try Self.memoryLines(text.bytes) == expected.map(\.bytes))
    }

    @Test("random input splits the same for every chunk size")
    func randomInput() throws {
        var rng = SeededRandom(seed: 12)
        for _ in 0..<60 {
            let pieces: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D], Array("ab".utf8), Array("{\"k\":\"v\"}".utf8), Array("é".utf8)]
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 80) { bytes += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let expected = Self.reference(bytes)
            #expect(try Self.memoryLines(bytes) == expected)
            for chunk in [1, 2, 5, 7, 13, 1 << 12] {
                #expect(try Self.fileLines(bytes, chunkSize: chunk) == expected, "\(bytes) chunk \(chunk)")
            }
        }
    }

    @Test("an empty file has no lines; a lone newline is one blank line")
    func empty() throws {
        #expect(try Self.fileLines([], chunkSize: 16).isEmpty)
        #expect(try Self.memoryLines([]).isEmpty)
        #expect(try Self.fileLines([0x0A], chunkSize: 16) == [[]])
    }

    @Test("a line longer than the limit is refused with its number, whatever the chunk size", arguments: [4, 8, 64, 1 << 12])
    func tooLong(chunkSize: Int) throws {
        let long = String(repeating: "x", count: 65)
        for text in ["ok\n\(long)\nnext\n", "ok\n\(long)", "ok\r\n\(long)\r\n"] {
            #expect {
                _ = try Self.fileLines(text.bytes, chunkSize: chunkSize, maxLine: 64)
            } throws: { error in
                let e = error as? NDJSONError
                return e?.code == .lineTooLong && e?.line == 2 && "\(error)".contains("64 bytes")
            }
        }
        #expect(throws: NDJSONError.self) { _ = try Self.memoryLines(("ok\n" + long).bytes, maxLine: 64) }
    }

    @Test("a line of exactly the limit passes, with any ending", arguments: [4, 8, 64, 1 << 12])
    func exactlyTheLimit(chunkSize: Int) throws {
        let line = String(repeating: "y", count: 64)
        for text in ["\(line)\n\(line)", "\(line)\r\n\(line)\r\n", "a\n\(line)"] {
            let lines = try Self.fileLines(text.bytes, chunkSize: chunkSize, maxLine: 64)
            #expect(lines == Self.reference(text.bytes))
        }
    }

    @Test("a missing file names its path and the reason")
    func missing() {
        #expect {
            try NDJSONLineReader.forEachLine(path: "/nonexistent/x.ndjson") { _, _ in }
        } throws: { error in
            let e = error as? NDJSONError
            return e?.code == .io && "\(error)".contains("/nonexistent/x.ndjson") && "\(error)".contains("No such file")
        }
    }

    @Test("an error from the body stops the reading and comes out unchanged")
    func bodyError() throws {
        struct Stop: Error {}
        let path = try Self.temporaryFile("a\nb\nc\n".bytes)
        defer { Self.remove(path) }
        var seen = 0
        #expect(throws: Stop.self) {
            try NDJSONLineReader.forEachLine(path: path, chunkSize: 3) { _, number in
                seen = number
                if number == 2 { throw Stop() }
            }
        }
        #expect(seen == 2)
    }

    @Test("a file read in tiny chunks decodes to the same rows as in one piece")
    func decodeFile() throws {
        var text = ""
        for n in 0..<50 {
            text += NDJSONBatchDecoderTests.sample.replacingOccurrences(of: "5117.09", with: "\(5000 + n).25")
            text += n % 3 == 0 ? "\r\n" : "\n"
        }
        let path = try Self.temporaryFile(text.bytes)
        defer { Self.remove(path) }
        func decode(chunkSize: Int) throws -> [ColumnBatch] {
            var decoder = NDJSONBatchDecoder(schema: .greeks, batchCapacity: 8)
            try NDJSONLineReader.forEachLine(path: path, chunkSize: chunkSize) { line, number in
                try decoder.decode(line: line, lineNumber: number)
            }
            return decoder.takeBatch()
        }
        let whole = try decode(chunkSize: 1 << 20)
        #expect(whole[17].values == .double((0..<50).map { Double(5000 + $0) + 0.25 }))
        #expect(try decode(chunkSize: 7) == whole)
    }
}
