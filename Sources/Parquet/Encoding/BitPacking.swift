/// LSB-first bit packing, shared by the RLE/bit-packed hybrid and DELTA_BINARY_PACKED.
enum BitPacking {
    /// Bits needed to represent `value` (0 for 0).
    @inline(__always)
    static func bitWidth(_ value: UInt64) -> Int { 64 - value.leadingZeroBitCount }

    /// Appends `values` packed at `width` bits each, LSB first, padded to a whole byte.
    static func pack(_ values: UnsafeBufferPointer<UInt64>, width: Int, into out: inout [UInt8]) {
        guard width > 0 else { return }
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        // The size is known up front, so the words are stored in place rather than appended.
        out.appendInPlace(count: (values.count * width + 7) / 8) { target in
            var p = target
            var acc: UInt64 = 0
            var bits = 0
            for v in values {
                let value = v & mask
                acc |= value << UInt64(bits)
                let used = bits + width
                if used >= 64 {
                    p.storeBytes(of: acc.littleEndian, as: UInt64.self)
                    p += 8
                    let spill = used - 64
                    acc = spill == 0 ? 0 : value >> UInt64(width - spill)
                    bits = spill
                } else {
                    bits = used
                }
            }
            storeTail(acc, bits: bits, at: p)
        }
    }

    /// Same as `pack` for 32-bit values of at most 32 bits.
    static func pack32(_ values: UnsafeBufferPointer<UInt32>, width: Int, into out: inout [UInt8]) {
        guard width > 0 else { return }
        out.appendInPlace(count: (values.count * width + 7) / 8) { target in
            var p = target
            var acc: UInt64 = 0
            var bits = 0
            for v in values {
                acc |= UInt64(v) << UInt64(bits)
                bits += width
                // Fewer than 32 bits were pending and at most 32 came in: one flush suffices.
                if bits >= 32 {
                    p.storeBytes(of: UInt32(truncatingIfNeeded: acc).littleEndian, as: UInt32.self)
                    p += 4
                    acc >>= 32
                    bits -= 32
                }
            }
            storeTail(acc, bits: bits, at: p)
        }
    }

    /// Stores the last `bits` pending bits of `acc` as whole bytes.
    @inline(__always)
    private static func storeTail(_ acc: UInt64, bits: Int, at target: UnsafeMutableRawPointer) {
        var acc = acc, bits = bits, p = target
        while bits > 0 {
            p.storeBytes(of: UInt8(truncatingIfNeeded: acc), as: UInt8.self)
            p += 1
            acc >>= 8
            bits -= 8
        }
    }

    /// Unpacks `count` values of `width` bits from `bytes` (which must hold at least
    /// `ceil(count * width / 8)` bytes; callers check) into `out`.
    static func unpack(
        _ bytes: UnsafeRawBufferPointer, width: Int, count: Int, into out: UnsafeMutablePointer<UInt64>
    ) {
        if width == 0 {
            out.update(repeating: 0, count: count)
            return
        }
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        var bitPos = 0
        let n = bytes.count
        for i in 0..<count {
            let byteIndex = bitPos >> 3
            let shift = UInt64(bitPos & 7)
            // Gather up to 9 bytes around the value; load 8 at once when they are all in range.
            var word: UInt64
            if byteIndex + 8 <= n {
                word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: byteIndex, as: UInt64.self))
            } else {
                word = 0
                var k = 0
                while byteIndex + k < n && k < 8 {
                    word |= UInt64(bytes[byteIndex + k]) << UInt64(8 * k)
                    k += 1
                }
            }
            var value = word >> shift
            if Int(shift) + width > 64 {
                let next = byteIndex + 8 < n ? UInt64(bytes[byteIndex + 8]) : 0
                value |= next << (64 - shift)
            }
            out[i] = value & mask
            bitPos += width
        }
    }

    /// Bytes that `count` values of `width` bits occupy.
    @inline(__always)
    static func byteCount(count: Int, width: Int) -> Int { (count * width + 7) / 8 }
}
