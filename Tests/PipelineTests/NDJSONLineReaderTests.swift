import Foundation
import Testing
@testable import Pipeline

@Suite("NDJSON line reader")
struct NDJSONLineReaderTests {
    func lines(of text: String, chunkSize: Int, maxLine: Int = 1 << 20) throws -> [String] {
        let path = NSTemporaryDirectory() + "lines-\(UUID().uuidString).ndjson"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var result: [String] = []
        var numbers: [Int] = []
        try NDJSONLineReader.forEachLine(path: path, chunkSize: chunkSize, maxLineBytes: maxLine) { line, n in
            result.append(String(decoding: line, as: UTF8.self))
            numbers.append(n)
        }
        #expect(numbers == Array(1...max(1, result.count)).prefix(result.count).map { $0 })
        return result
    }

    @Test("lines across chunk boundaries, CRLF and a missing final newline", arguments: [1, 2, 7, 64, 4096])
    func boundaries(chunkSize: Int) throws {
        let text = "first line\r\n{\"a\":1}\n\nlast without newline é"
        #expect(try lines(of: text, chunkSize: chunkSize) == ["first line", "{\"a\":1}", "", "last without newline é"])
    }

    @Test("an empty file has no lines")
    func empty() throws {
        #expect(try lines(of: "", chunkSize: 16).isEmpty)
    }

    @Test("a line longer than the limit is refused with its number")
    func tooLong() {
        #expect {
            _ = try lines(of: "ok\n" + String(repeating: "x", count: 300) + "\n", chunkSize: 8, maxLine: 64)
        } throws: { error in
            (error as? NDJSONError)?.code == .lineTooLong && (error as? NDJSONError)?.line == 2
        }
    }

    @Test("a missing file names its path")
    func missing() {
        #expect {
            try NDJSONLineReader.forEachLine(path: "/nonexistent/x.ndjson") { _, _ in }
        } throws: { error in
            "\(error)".contains("/nonexistent/x.ndjson")
        }
    }
}
