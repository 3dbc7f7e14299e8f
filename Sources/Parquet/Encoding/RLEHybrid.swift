/// The RLE / bit-packing hybrid used for definition levels, dictionary indices and RLE
/// booleans. Runs of 8 or more equal values become RLE runs; everything else goes into
/// bit-packed groups of 8, which is what pyarrow and arrow-rs write too.
enum RLEHybrid {
    /// Appends the hybrid encoding of `values` at `width` bits (no length prefix, no width byte).
    static func encode(_ values: UnsafeBufferPointer<UInt32>, width: Int, into out: inout [UInt8]) {
        let n = values.count
        var i = 0
        let valueBytes = (width + 7) / 8
        @inline(__always) func runLength(at start: Int) -> Int {
            let v = values[start]
            var j = start + 1
            while j < n && values[j] == v { j += 1 }
            return j - start
        }
        while i < n {
            let run = runLength(at: i)
            if run >= 8 {
                out.appendVarint(UInt64(run) << 1)
                var v = values[i]
                for _ in 0..<valueBytes {
                    out.append(UInt8(truncatingIfNeeded: v))
                    v >>= 8
                }
                i += run
                continue
            }
            // Literal groups of 8 until a run of 8 or more starts at a group boundary.
            var j = i
            repeat { j += 8 } while j < n && runLength(at: j) < 8
            let end = min(j, n)
            let groups = (j - i) / 8
            out.appendVarint(UInt64(groups) << 1 | 1)
            if end - i == groups * 8 {
                BitPacking.pack32(UnsafeBufferPointer(rebasing: values[i..<end]), width: width, into: &out)
            } else {
                // The final group is zero-padded; readers stop at the count they need.
                var padded = Array(values[i..<end])
                padded.append(contentsOf: repeatElement(0, count: groups * 8 - padded.count))
                padded.withUnsafeBufferPointer { BitPacking.pack32($0, width: width, into: &out) }
            }
            i = end
        }
    }

    static func encode(_ values: [UInt32], width: Int, into out: inout [UInt8]) {
        values.withUnsafeBufferPointer { encode($0, width: width, into: &out) }
    }

    /// Decodes exactly `count` values at `width` bits from `bytes` into `out`.
    /// Throws `.corruptPage` if the runs end before `count` values.
    static func decode(
        _ bytes: UnsafeRawBufferPointer, width: Int, count: Int, into out: UnsafeMutablePointer<UInt32>
    ) throws(ParquetError) {
        guard (0...32).contains(width) else { throw ByteCursor.corrupt("RLE bit width \(width) is outside 0...32") }
        var cursor = ByteCursor(bytes)
        var produced = 0
        let valueBytes = (width + 7) / 8
        var scratch = [UInt64](repeating: 0, count: 512)
        while produced < count {
            let header = try cursor.readVarint()
            if header & 1 == 0 {
                let run = header >> 1
                guard run > 0 else { throw ByteCursor.corrupt("RLE run of length 0") }
                var value: UInt32 = 0
                for k in 0..<valueBytes { value |= UInt32(try cursor.readByte()) << UInt32(8 * k) }
                if width < 32 && value >> UInt32(width) != 0 {
                    throw ByteCursor.corrupt("RLE value \(value) does not fit in \(width) bits")
                }
                let take = Int(min(run, UInt64(count - produced)))
                (out + produced).update(repeating: value, count: take)
                produced += take
            } else {
                let groups = header >> 1
                guard groups > 0, groups <= UInt64(Int32.max) else { throw ByteCursor.corrupt("bit-packed run with \(groups) groups") }
                let values = Int(groups) * 8
                let available = BitPacking.byteCount(count: values, width: width)
                let take = min(values, count - produced)
                // A final group may be cut short by writers that drop padding; need only the bits used.
                let needed = BitPacking.byteCount(count: take, width: width)
                guard cursor.remaining >= needed else {
                    throw ByteCursor.corrupt("bit-packed run needs \(needed) bytes but \(cursor.remaining) remain")
                }
                let data = UnsafeRawBufferPointer(rebasing: cursor.bytes[cursor.position..<cursor.position + min(available, cursor.remaining)])
                var done = 0
                while done < take {
                    let chunk = min(512, take - done)
                    let start = done * width / 8  // done is a multiple of 512, so byte-aligned
                    scratch.withUnsafeMutableBufferPointer { s in
                        BitPacking.unpack(
                            UnsafeRawBufferPointer(rebasing: data[start...]), width: width, count: chunk,
                            into: s.baseAddress!)
                        for k in 0..<chunk { out[produced + done + k] = UInt32(truncatingIfNeeded: s[k]) }
                    }
                    done += chunk
                }
                produced += take
                cursor.position += min(available, cursor.remaining)
            }
        }
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, width: Int, count: Int) throws(ParquetError) -> [UInt32] {
        var result = [UInt32](repeating: 0, count: count)
        let outcome = result.withUnsafeMutableBufferPointer { buffer in
            Result { () throws(ParquetError) in
                if count > 0 { try decode(bytes, width: width, count: count, into: buffer.baseAddress!) }
            }
        }
        try outcome.get()
        return result
    }
}
