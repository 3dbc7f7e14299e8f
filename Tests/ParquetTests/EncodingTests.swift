import TestSupport
import Testing
@testable import Parquet

@Suite("encodings on bytes")
struct EncodingTests {
    @Test("RLE hybrid matches the format's examples")
    func rleVectors() throws {
        var out: [UInt8] = []
        RLEHybrid.encode([UInt32](repeating: 1, count: 1000), width: 1, into: &out)
        #expect(out == [0xD0, 0x0F, 0x01])
        out = []
        RLEHybrid.encode([1, 1, 0, 1, 1, 1, 1, 1], width: 1, into: &out)
        #expect(out == [0x03, 0xFB])
    }

    @Test("RLE hybrid round-trips random runs at every width")
    func rleRoundTrip() throws {
        var rng = SeededRandom(seed: 1)
        for width in 0...32 {
            for _ in 0..<20 {
                let n = Int.random(in: 0...3000, using: &rng)
                let mask: UInt64 = width == 32 ? 0xFFFF_FFFF : (1 << UInt64(width)) - 1
                var values: [UInt32] = []
                while values.count < n {
                    let v = UInt32(UInt64.random(in: 0...UInt64(UInt32.max), using: &rng) & mask)
                    let run = Bool.random(using: &rng) ? Int.random(in: 1...40, using: &rng) : 1
                    values.append(contentsOf: repeatElement(v, count: min(run, n - values.count)))
                }
                var bytes: [UInt8] = []
                RLEHybrid.encode(values, width: width, into: &bytes)
                let back = try bytes.withUnsafeBytes { try RLEHybrid.decode($0, width: width, count: n) }
                #expect(back == values, "width \(width), \(n) values")
            }
        }
    }

    @Test("RLE decoding of a short stream fails instead of inventing values")
    func rleShort() {
        let bytes: [UInt8] = [0x10, 0x01]  // 8 × 1, but 9 asked for
        #expect(throws: ParquetError.self) { try bytes.withUnsafeBytes { try RLEHybrid.decode($0, width: 1, count: 9) } }
    }

    @Test("DELTA_BINARY_PACKED matches the format's example")
    func deltaVector() {
        var out: [UInt8] = []
        [Int64(100), 101, 102, 105].withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, bitWidth32: false, into: &out) }
        #expect(Array(out.prefix(13)) == [0x80, 0x01, 0x04, 0x04, 0xC8, 0x01, 0x02, 0x02, 0x00, 0x00, 0x00, 0x20, 0x00])
    }

    @Test("DELTA_BINARY_PACKED round-trips extremes with wrapping arithmetic", arguments: [true, false])
    func deltaRoundTrip(bits32: Bool) throws {
        var rng = SeededRandom(seed: bits32 ? 32 : 64)
        for _ in 0..<200 {
            let n = Int.random(in: 0...700, using: &rng)
            let values: [Int64] = (0..<n).map { _ in
                let extremes: [Int64] = bits32 ? [Int64(Int32.min), Int64(Int32.max), 0] : [.min, .max, 0]
                if Int.random(in: 0..<5, using: &rng) == 0 { return extremes.randomElement(using: &rng)! }
                return bits32 ? Int64(Int32.random(in: .min ... .max, using: &rng)) : Int64.random(in: .min ... .max, using: &rng)
            }
            var bytes: [UInt8] = []
            values.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, bitWidth32: bits32, into: &bytes) }
            let (back, consumed) = try bytes.withUnsafeBytes { try DeltaBinaryPacked.decode($0, bitWidth32: bits32, maxCount: n) }
            #expect(back == values)
            #expect(consumed == bytes.count)
        }
    }

    @Test("sorted minutes pack to width zero")
    func deltaConstantStep() {
        var out: [UInt8] = []
        let minutes = (0..<390).map { Int64(34_200_000 + $0 * 60_000) }
        minutes.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, bitWidth32: true, into: &out) }
        #expect(out.count < 40)
    }

    @Test("BYTE_STREAM_SPLIT matches the format's example and round-trips")
    func byteStreamSplit() throws {
        let raw: [UInt8] = [0xDD, 0xCC, 0xBB, 0xAA, 0x33, 0x22, 0x11, 0x00, 0xD6, 0xC5, 0xB4, 0xA3]
        var out: [UInt8] = []
        raw.withUnsafeBytes { ByteStreamSplit.encode($0, width: 4, count: 3, into: &out) }
        #expect(out == [0xDD, 0x33, 0xD6, 0xCC, 0x22, 0xC5, 0xBB, 0x11, 0xB4, 0xAA, 0x00, 0xA3])
        let back = try out.withUnsafeBytes { try ByteStreamSplit.decode($0, width: 4, count: 3) }
        #expect(back == raw)
    }

    @Test("Thrift field headers use short and long forms and restore ids after nested structs")
    func thriftRoundTrip() throws {
        var w = ThriftCompactWriter()
        w.beginStruct()
        w.field(1, i32: -5)
        w.beginField(2)
        w.field(1, string: "inner")
        w.endStruct()
        w.field(40, i64: .min)  // long form: delta > 15
        w.field(41, bool: true)
        w.endStruct()
        var seen: [(Int16, UInt8)] = []
        try w.bytes.withUnsafeBytes { raw in
            var r = ThriftCompactReader(raw)
            try r.beginStruct()
            while let (id, t) = try r.readFieldHeader() {
                seen.append((id, t))
                switch id {
                case 1: #expect(try r.readI32() == -5)
                case 40: #expect(try r.readZigzag() == .min)
                case 41: #expect(try r.boolValue(t))
                default: try r.skip(t)
                }
            }
            #expect(r.remaining == 0)
        }
        #expect(seen.map(\.0) == [1, 2, 40, 41])
    }

    @Test("the reference's PageHeader example decodes")
    func pageHeaderExample() throws {
        let bytes: [UInt8] = [0x15, 0x00, 0x15, 0xC0, 0x02, 0x15, 0xC0, 0x02, 0x2C, 0x15, 0x28, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00, 0x00]
        let (header, length) = try bytes.withUnsafeBytes { try PageHeader.parse($0, fileOffset: 0) }
        #expect(length == bytes.count)
        #expect(header.type == .dataPage && header.uncompressedPageSize == 160 && header.compressedPageSize == 160)
        #expect(header.dataPage?.numValues == 20 && header.dataPage?.encoding == .plain)
        var w = ThriftCompactWriter()
        header.thriftEncoded(into: &w)
        #expect(w.bytes == bytes)
    }
}
