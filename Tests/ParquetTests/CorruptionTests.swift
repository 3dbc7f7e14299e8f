import TestSupport
import Testing
@testable import Parquet

@Suite("corrupt and truncated input")
struct CorruptionTests {
    func sampleFile(codec: CompressionCodec) throws -> [UInt8] {
        let table = RandomTable.make(seed: 77, rows: 800, columns: 6)
        var options = ParquetWriterOptions()
        options.codec = codec
        options.pageRowLimit = 100
        options.rowGroupRowLimit = 400
        return try writeToMemory(table, options: options)
    }

    /// Reads the whole file; returns nil on success or the error, and fails the test on
    /// anything that is not a ParquetError.
    func attempt(_ bytes: [UInt8], verify: Bool) -> ParquetError? {
        do {
            _ = try readAll(bytes, verify: verify)
            return nil
        } catch let error as ParquetError {
            return error
        } catch {
            Issue.record("non-Parquet error \(error)")
            return nil
        }
    }

    @Test("every truncation is rejected with a typed error", arguments: [CompressionCodec.uncompressed, .zstd])
    func truncation(codec: CompressionCodec) throws {
        let bytes = try sampleFile(codec: codec)
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 400)) {
            let error = attempt(Array(bytes[..<length]), verify: false)
            #expect(error != nil, "a file cut to \(length) of \(bytes.count) bytes was accepted")
        }
    }

    @Test("random byte flips never crash or hang the reader", arguments: [CompressionCodec.uncompressed, .snappy, .gzip, .zstd])
    func flips(codec: CompressionCodec) throws {
        let bytes = try sampleFile(codec: codec)
        var rng = SeededRandom(seed: UInt64(codec.rawValue) + 1)
        for _ in 0..<600 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                damaged[Int.random(in: 0..<damaged.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            }
            _ = attempt(damaged, verify: Bool.random(using: &rng))
        }
    }

    @Test("a flip inside page data is caught by CRC verification")
    func crcCatchesPageFlips() throws {
        let bytes = try sampleFile(codec: .uncompressed)
        let reader = try ParquetFileReader(input: MemoryInput(bytes))
        var rng = SeededRandom(seed: 5)
        for _ in 0..<100 {
            // Pick a page body byte: walk a chunk's pages to learn where bodies are.
            let g = Int.random(in: 0..<reader.metadata.rowGroups.count, using: &rng)
            let c = Int.random(in: 0..<reader.schema.columns.count, using: &rng)
            let meta = reader.metadata.rowGroups[g].columns[c]
            let start = Int(meta.chunkStart)
            let chunk = Array(bytes[start..<start + Int(meta.totalCompressedSize)])
            let (header, headerLength) = try chunk.withUnsafeBytes { try PageHeader.parse($0, fileOffset: 0) }
            guard header.compressedPageSize > 0 else { continue }
            let target = start + headerLength + Int.random(in: 0..<Int(header.compressedPageSize), using: &rng)
            var damaged = bytes
            damaged[target] ^= 0x40
            let error = attempt(damaged, verify: true)
            #expect(error?.code == .checksumMismatch || error?.code == .corruptPage,
                    "flip at \(target) gave \(String(describing: error))")
            if let error, error.code == .checksumMismatch {
                #expect(error.location.column == reader.schema.columns[c].name)
                #expect(error.location.rowGroup == g)
                #expect(error.location.offset != nil)
            }
        }
    }

    @Test("not-Parquet input is named as such")
    func notParquet() {
        #expect(attempt(Array("hello, this is not a parquet file at all".utf8), verify: false)?.code == .notParquet)
        #expect(attempt([], verify: false)?.code == .truncated)
    }
}
