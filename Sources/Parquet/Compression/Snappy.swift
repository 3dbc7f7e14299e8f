/// Snappy's raw block format, in Swift: a varint length, then literals and back-references.
enum Snappy {
    private static let blockSize = 1 << 16
    private static let hashBits = 14

    /// Appends the compressed form of `input`: greedy LZ77 over 64 KiB blocks with a
    /// 4-byte hash table, as google/snappy does.
    static func compress(_ input: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        out.appendVarint(UInt64(input.count))
        guard input.count > 0 else { return }
        var table = [Int32](repeating: -1, count: 1 << hashBits)
        var blockStart = 0
        while blockStart < input.count {
            let blockEnd = min(input.count, blockStart + blockSize)
            for i in table.indices { table[i] = -1 }
            compressBlock(input, blockStart, blockEnd, &table, into: &out)
            blockStart = blockEnd
        }
    }

    @inline(__always)
    private static func load32(_ p: UnsafeRawBufferPointer, _ i: Int) -> UInt32 {
        p.loadUnaligned(fromByteOffset: i, as: UInt32.self)
    }

    @inline(__always)
    private static func hash(_ v: UInt32) -> Int { Int((v &* 0x1E35_A7BD) >> UInt32(32 - hashBits)) }

    private static func compressBlock(
        _ p: UnsafeRawBufferPointer, _ start: Int, _ end: Int, _ table: inout [Int32], into out: inout [UInt8]
    ) {
        var literalStart = start
        var i = start
        // Matches need 4 bytes; stop looking near the end and emit the tail as a literal.
        let limit = end - 4
        while i <= limit {
            let v = load32(p, i)
            let h = hash(v)
            let candidate = Int(table[h])
            table[h] = Int32(i)
            if candidate >= start, i - candidate <= 0xFFFF, load32(p, candidate) == v {
                if literalStart < i { emitLiteral(p, literalStart, i, into: &out) }
                var length = 4
                while i + length < end && p[candidate + length] == p[i + length] { length += 1 }
                emitCopy(offset: i - candidate, length: length, into: &out)
                i += length
                literalStart = i
            } else {
                i += 1
            }
        }
        if literalStart < end { emitLiteral(p, literalStart, end, into: &out) }
    }

    private static func emitLiteral(_ p: UnsafeRawBufferPointer, _ from: Int, _ to: Int, into out: inout [UInt8]) {
        let n = to - from - 1
        if n < 60 {
            out.append(UInt8(n << 2))
        } else if n < 1 << 8 {
            out.append(60 << 2)
            out.append(UInt8(n))
        } else if n < 1 << 16 {
            out.append(61 << 2)
            out.appendLittleEndian(UInt16(n))
        } else {
            out.append(63 << 2)
            out.appendLittleEndian(UInt32(n))
        }
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[from..<to]))
    }

    private static func emitCopy(offset: Int, length: Int, into out: inout [UInt8]) {
        var remaining = length
        // Copies with a 2-byte offset carry at most 64 bytes each.
        while remaining > 0 {
            var n = min(remaining, 64)
            // Leave at least 4 for the final piece, the shortest copy there is.
            if remaining - n > 0 && remaining - n < 4 { n = remaining - 4 }
            if n >= 4 && n <= 11 && offset < 2048 {
                out.append(UInt8(1 | ((n - 4) << 2) | ((offset >> 8) << 5)))
                out.append(UInt8(offset & 0xFF))
            } else {
                out.append(UInt8(2 | ((n - 1) << 2)))
                out.appendLittleEndian(UInt16(offset))
            }
            remaining -= n
        }
    }

    /// Decodes a block into exactly `expectedSize` bytes, checking every length and offset.
    static func decompress(_ input: UnsafeRawBufferPointer, expectedSize: Int) throws(ParquetError) -> [UInt8] {
        var cursor = ByteCursor(input)
        let declared = try cursor.readVarint()
        guard declared == UInt64(expectedSize) else {
            throw ParquetError(.compression, "SNAPPY data declares \(declared) bytes but the page header says \(expectedSize)")
        }
        func fail(_ m: String) -> ParquetError { ParquetError(.compression, "SNAPPY data is corrupt: \(m)") }
        return try [UInt8].filled(count: expectedSize) { (out) throws(ParquetError) in
            var o = 0
            while cursor.remaining > 0 {
                let tag = try cursor.readByte()
                switch tag & 3 {
                case 0:
                    var length = Int(tag >> 2)
                    if length >= 60 {
                        let extra = length - 59
                        length = 0
                        for k in 0..<extra { length |= Int(try cursor.readByte()) << (8 * k) }
                    }
                    length += 1
                    guard length <= expectedSize - o else { throw fail("a literal runs past the end") }
                    let bytes = try cursor.take(length)
                    UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(out)[o..<o + length]).copyMemory(from: bytes)
                    o += length
                default:
                    let length: Int, offset: Int
                    switch tag & 3 {
                    case 1:
                        length = 4 + Int((tag >> 2) & 7)
                        offset = Int(tag >> 5) << 8 | Int(try cursor.readByte())
                    case 2:
                        length = 1 + Int(tag >> 2)
                        offset = Int(try cursor.readByte()) | Int(try cursor.readByte()) << 8
                    default:
                        length = 1 + Int(tag >> 2)
                        offset = Int(try cursor.readUInt32LE())
                    }
                    guard offset > 0, offset <= o else { throw fail("a copy reaches \(offset) bytes back from position \(o)") }
                    guard length <= expectedSize - o else { throw fail("a copy runs past the end") }
                    // Byte by byte: a copy may overlap its own output.
                    for k in 0..<length { out[o + k] = out[o + k - offset] }
                    o += length
                }
            }
            guard o == expectedSize else { throw fail("it decodes to \(o) of \(expectedSize) bytes") }
        }
    }
}
