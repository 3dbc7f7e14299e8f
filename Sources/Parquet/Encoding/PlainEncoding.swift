/// PLAIN encoding: values back to back, little-endian; byte arrays with a u32 length;
/// booleans bit-packed LSB first.
enum PlainEncoding {
    static func encode(_ values: ColumnValues, range: Range<Int>, typeLength: Int, into out: inout [UInt8]) {
        switch values {
        case .boolean(let v):
            var byte: UInt8 = 0
            var bit = 0
            for i in range {
                if v[i] { byte |= 1 << UInt8(bit) }
                bit += 1
                if bit == 8 {
                    out.append(byte)
                    byte = 0
                    bit = 0
                }
            }
            if bit > 0 { out.append(byte) }
        case .int32(let v): v.withUnsafeBufferPointer { out.appendRawBytes(of: UnsafeBufferPointer(rebasing: $0[range])) }
        case .int64(let v): v.withUnsafeBufferPointer { out.appendRawBytes(of: UnsafeBufferPointer(rebasing: $0[range])) }
        case .float(let v): v.withUnsafeBufferPointer { out.appendRawBytes(of: UnsafeBufferPointer(rebasing: $0[range])) }
        case .double(let v): v.withUnsafeBufferPointer { out.appendRawBytes(of: UnsafeBufferPointer(rebasing: $0[range])) }
        case .byteArray(let c):
            out.reserveCapacity(out.count + (c.offsets[range.upperBound] - c.offsets[range.lowerBound]) + 4 * range.count)
            c.bytes.withUnsafeBytes { raw in
                for i in range {
                    let start = c.offsets[i], end = c.offsets[i + 1]
                    out.appendLittleEndian(UInt32(end - start))
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                }
            }
        case .fixedLenByteArray(let c):
            out.append(contentsOf: c.bytes[c.offsets[range.lowerBound]..<c.offsets[range.upperBound]])
        }
    }

    /// Decodes `count` PLAIN values of `type`; returns them and the bytes consumed.
    static func decode(
        _ bytes: UnsafeRawBufferPointer, type: PhysicalType, typeLength: Int, count: Int
    ) throws(ParquetError) -> (ColumnValues, Int) {
        func need(_ n: Int) throws(ParquetError) {
            guard n <= bytes.count else {
                throw ByteCursor.corrupt("PLAIN \(type) page holds \(bytes.count) bytes, too few for \(count) values")
            }
        }
        switch type {
        case .boolean:
            let n = (count + 7) / 8
            try need(n)
            var v = [Bool]()
            v.reserveCapacity(count)
            for i in 0..<count { v.append(bytes[i >> 3] >> UInt8(i & 7) & 1 == 1) }
            return (.boolean(v), n)
        case .int32:
            try need(count * 4)
            return (.int32(loadArray(bytes, count)), count * 4)
        case .int64:
            try need(count * 8)
            return (.int64(loadArray(bytes, count)), count * 8)
        case .float:
            try need(count * 4)
            return (.float(loadArray(bytes, count)), count * 4)
        case .double:
            try need(count * 8)
            return (.double(loadArray(bytes, count)), count * 8)
        case .int96, .fixedLenByteArray:
            let width = type == .int96 ? 12 : typeLength
            let (total, overflow) = count.multipliedReportingOverflow(by: width)
            guard !overflow else { throw ByteCursor.corrupt("FIXED_LEN_BYTE_ARRAY size overflows") }
            try need(total)
            var c = ByteArrayColumn()
            c.appendFixedWidth(UnsafeRawBufferPointer(rebasing: bytes[0..<total]), width: width, count: count)
            return (.fixedLenByteArray(c), total)
        case .byteArray:
            // Every value costs at least its 4-byte length, which bounds `count` by the page size.
            try need(count * 4)
            var c = ByteArrayColumn(minimumCapacity: count, averageLength: 0)
            var cursor = ByteCursor(bytes)
            for _ in 0..<count {
                let length = Int(try cursor.readUInt32LE())
                c.append(try cursor.take(length))
            }
            return (.byteArray(c), cursor.position)
        }
    }

    /// Copies `count` fixed-width values out of possibly unaligned bytes.
    @inline(__always)
    static func loadArray<T>(_ bytes: UnsafeRawBufferPointer, _ count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 {
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: bytes[0..<count * MemoryLayout<T>.stride]))
            }
            initialized = count
        }
    }
}

extension ByteArrayColumn {
    /// Appends `count` values of `width` bytes each taken from `bytes`.
    mutating func appendFixedWidth(_ bytes: UnsafeRawBufferPointer, width: Int, count: Int) {
        appendRaw(bytes, lengths: repeatElement(width, count: count))
    }
}
