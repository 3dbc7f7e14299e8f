/// LZ4 block decoding (LZ4_RAW pages, as pyarrow writes with `compression='lz4'`).
enum LZ4Raw {
    static func decompress(_ input: UnsafeRawBufferPointer, expectedSize: Int) throws(ParquetError) -> [UInt8] {
        func fail(_ m: String) -> ParquetError { ParquetError(.compression, "LZ4_RAW data is corrupt: \(m)") }
        var cursor = ByteCursor(input)
        return try [UInt8].filled(count: expectedSize) { (out) throws(ParquetError) in
            var o = 0
            func extendedLength(_ base: Int) throws(ParquetError) -> Int {
                var length = base
                guard base == 15 else { return length }
                while true {
                    let b = try cursor.readByte()
                    length += Int(b)
                    guard length <= expectedSize else { throw fail("a length exceeds the page size") }
                    if b != 255 { return length }
                }
            }
            while cursor.remaining > 0 {
                let token = try cursor.readByte()
                let literals = try extendedLength(Int(token >> 4))
                guard literals <= expectedSize - o else { throw fail("literals run past the end") }
                let bytes = try cursor.take(literals)
                UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(out)[o..<o + literals]).copyMemory(from: bytes)
                o += literals
                if cursor.remaining == 0 { break }  // the last sequence has literals only
                let offset = Int(try cursor.readByte()) | Int(try cursor.readByte()) << 8
                let matchLength = try extendedLength(Int(token & 15)) + 4
                guard offset > 0, offset <= o else { throw fail("a match reaches \(offset) bytes back from position \(o)") }
                guard matchLength <= expectedSize - o else { throw fail("a match runs past the end") }
                for k in 0..<matchLength { out[o + k] = out[o + k - offset] }
                o += matchLength
            }
            guard o == expectedSize else { throw fail("it decodes to \(o) of \(expectedSize) bytes") }
        }
    }
}
