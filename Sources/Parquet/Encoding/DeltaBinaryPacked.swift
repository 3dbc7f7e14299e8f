/// DELTA_BINARY_PACKED for INT32 and INT64.
///
/// Blocks of 128 values in 4 miniblocks of 32; each block stores its smallest delta and
/// every miniblock packs `delta - minDelta` at its own width. Sorted timestamps and
/// minute-of-day columns pack into a few bits per value. Arithmetic wraps in the value's
/// own width, as the format requires.
enum DeltaBinaryPacked {
    static let blockSize = 128
    static let miniblocks = 4
    static let miniblockSize = blockSize / miniblocks

    /// Appends the encoding of `values`. `bitWidth32` selects INT32 wrapping arithmetic.
    static func encode(_ values: UnsafeBufferPointer<Int64>, bitWidth32: Bool, into out: inout [UInt8]) {
        out.appendVarint(UInt64(blockSize))
        out.appendVarint(UInt64(miniblocks))
        out.appendVarint(UInt64(values.count))
        out.appendZigzagVarint(values.first ?? 0)
        guard values.count > 1 else { return }
        var deltas = [Int64](repeating: 0, count: blockSize)
        var packed = [UInt64](repeating: 0, count: miniblockSize)
        var i = 1
        while i < values.count {
            let n = min(blockSize, values.count - i)
            var minDelta = Int64.max
            for k in 0..<n {
                let d: Int64
                if bitWidth32 {
                    d = Int64(Int32(truncatingIfNeeded: values[i + k]) &- Int32(truncatingIfNeeded: values[i + k - 1]))
                } else {
                    d = values[i + k] &- values[i + k - 1]
                }
                deltas[k] = d
                if d < minDelta { minDelta = d }
            }
            out.appendZigzagVarint(minDelta)
            let widthsAt = out.count
            out.append(contentsOf: repeatElement(0, count: miniblocks))
            for m in 0..<miniblocks {
                let start = m * miniblockSize
                guard start < n else { break }
                var maxBits: UInt64 = 0
                for k in 0..<miniblockSize {
                    let v: UInt64
                    if start + k < n {
                        let diff = deltas[start + k] &- minDelta
                        v = bitWidth32 ? UInt64(UInt32(truncatingIfNeeded: diff)) : UInt64(bitPattern: diff)
                    } else {
                        v = 0  // padding of the last miniblock
                    }
                    packed[k] = v
                    maxBits |= v
                }
                let width = BitPacking.bitWidth(maxBits)
                out[widthsAt + m] = UInt8(width)
                packed.withUnsafeBufferPointer { BitPacking.pack($0, width: width, into: &out) }
            }
            i += n
        }
    }

    /// Decodes a DELTA_BINARY_PACKED stream; returns the values and the bytes consumed
    /// (DELTA_LENGTH_BYTE_ARRAY data follows the stream directly).
    static func decode(
        _ bytes: UnsafeRawBufferPointer, bitWidth32: Bool, maxCount: Int
    ) throws(ParquetError) -> (values: [Int64], consumed: Int) {
        var c = ByteCursor(bytes)
        let blockSize = try c.readVarint()
        let miniblocks = try c.readVarint()
        let total = try c.readVarint()
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 20, miniblocks > 0,
              blockSize % miniblocks == 0, (blockSize / miniblocks) % 8 == 0
        else { throw ByteCursor.corrupt("DELTA_BINARY_PACKED header has block size \(blockSize) with \(miniblocks) miniblocks") }
        guard total <= UInt64(maxCount) else {
            throw ByteCursor.corrupt("DELTA_BINARY_PACKED announces \(total) values where at most \(maxCount) fit the page")
        }
        let count = Int(total)
        var values = [Int64]()
        values.reserveCapacity(count)
        var last = try c.readZigzagVarint()
        if bitWidth32 { last = Int64(Int32(truncatingIfNeeded: last)) }
        if count == 0 { return (values, c.position) }
        values.append(last)
        let perMini = Int(blockSize / miniblocks)
        var unpacked = [UInt64](repeating: 0, count: perMini)
        let maxWidth = bitWidth32 ? 32 : 64
        while values.count < count {
            let minDelta = try c.readZigzagVarint()
            let widths = try c.take(Int(miniblocks))
            for m in 0..<Int(miniblocks) {
                guard values.count < count else { break }
                let width = Int(widths[m])
                guard width <= maxWidth else { throw ByteCursor.corrupt("miniblock bit width \(width) exceeds \(maxWidth)") }
                let needed = min(perMini, count - values.count)
                let full = BitPacking.byteCount(count: perMini, width: width)
                // The last miniblock should be padded, but accept writers that cut it short.
                let have = min(full, c.remaining)
                guard have >= BitPacking.byteCount(count: needed, width: width) else {
                    throw ByteCursor.corrupt("miniblock needs more bytes than the page has")
                }
                let data = try c.take(have)
                unpacked.withUnsafeMutableBufferPointer { BitPacking.unpack(data, width: width, count: needed, into: $0.baseAddress!) }
                for k in 0..<needed {
                    if bitWidth32 {
                        let next = Int32(truncatingIfNeeded: last) &+ Int32(truncatingIfNeeded: minDelta) &+ Int32(truncatingIfNeeded: unpacked[k])
                        last = Int64(next)
                    } else {
                        last = last &+ minDelta &+ Int64(bitPattern: unpacked[k])
                    }
                    values.append(last)
                }
            }
        }
        return (values, c.position)
    }
}
