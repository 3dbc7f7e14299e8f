import Foundation
@testable import Pipeline
import Testing

@Suite("a file written without a name and linked into place")
struct IncomingFileTests {
    private func directory() throws -> String {
        let path = NSTemporaryDirectory() + "incoming-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes as the Parquet writer does: open with O_CREAT (the named file does not exist yet).
    private func write(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(fd >= 0, "cannot open \(path)")
        defer { close(fd) }
        let bytes = Array(text.utf8)
        #expect(Glibc.write(fd, bytes, bytes.count) == bytes.count)
    }

    @Test("while written it has no entry in its directory; commit gives it the final name and its mode")
    func unnamedUntilCommitted() throws {
        let dir = try directory()
        let incoming = IncomingFile(final: dir + "/day.parquet", permissions: 0o644)
        #expect(incoming.isUnnamed, "this filesystem takes O_TMPFILE; the named fallback would show here")
        try write("rows", to: incoming.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        try incoming.commit()
        incoming.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["day.parquet"])
        #expect(try String(contentsOfFile: dir + "/day.parquet", encoding: .utf8) == "rows")
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/day.parquet")[.posixPermissions] as? Int
        #expect(mode == 0o644 & ~Self.umask())
    }

    @Test("committed over an existing file it replaces it and leaves nothing beside it")
    func replacesExisting() throws {
        let dir = try directory()
        let final = dir + "/day.parquet"
        #expect(FileManager.default.createFile(atPath: final, contents: Data("old".utf8)))
        let incoming = IncomingFile(final: final)
        try write("new", to: incoming.path)
        try incoming.commit()
        incoming.close()
        #expect(try String(contentsOfFile: final, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["day.parquet"])
    }

    @Test("closed without a commit it leaves nothing")
    func abandonedLeavesNothing() throws {
        let dir = try directory()
        let incoming = IncomingFile(final: dir + "/day.parquet")
        try write("partial", to: incoming.path)
        incoming.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test("the named fallback: FINAL.tmp-PID while written, renamed into place, removed when abandoned")
    func namedFallback() throws {
        let dir = try directory()
        let final = dir + "/day.parquet"
        #expect(FileManager.default.createFile(atPath: final, contents: Data("old".utf8)))
        let incoming = IncomingFile(final: final, unnamed: false)
        #expect(!incoming.isUnnamed && incoming.path == "\(final).tmp-\(getpid())")
        try write("new", to: incoming.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["day.parquet", "day.parquet.tmp-\(getpid())"])
        try incoming.commit()
        incoming.close()
        #expect(try String(contentsOfFile: final, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["day.parquet"])

        let abandoned = IncomingFile(final: dir + "/other.parquet", unnamed: false)
        try write("partial", to: abandoned.path)
        abandoned.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["day.parquet"])
    }

    /// This process's umask, read without changing it (other tests run alongside).
    static func umask() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("Umask:") } ?? "Umask: 0022"
        return Int(line.split(separator: "\t").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "0022", radix: 8) ?? 0o022
    }
}
