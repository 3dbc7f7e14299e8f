/// Little-endian appends onto byte arrays: the one place the writer turns numbers into bytes.
extension Array where Element == UInt8 {
    /// Byte by byte from the low end, which is little-endian on any host; a few single-byte
    /// appends are far cheaper than the general bulk append for 4 or 8 bytes.
    @inline(__always)
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value
        for _ in 0..<MemoryLayout<T>.size {
            append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    /// Appends `count` zero bytes and lets `body` fill them in place through a raw pointer.
    @inline(__always)
    mutating func appendInPlace(count: Int, _ body: (UnsafeMutableRawPointer) -> Void) {
        guard count > 0 else { return }
        let start = self.count
        append(contentsOf: repeatElement(0, count: count))
        withUnsafeMutableBytes { body($0.baseAddress.unsafelyUnwrapped + start) }
    }

    @inline(__always)
    mutating func appendVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        append(UInt8(v))
    }

    @inline(__always)
    mutating func appendZigzagVarint(_ value: Int64) {
        appendVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// Appends the raw memory of `values`; on little-endian hosts this is PLAIN encoding.
    mutating func appendRawBytes<T>(of values: UnsafeBufferPointer<T>) {
        append(contentsOf: UnsafeRawBufferPointer(values))
    }
}

/// A bounds-checked cursor over untrusted page bytes.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    var position: Int = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var remaining: Int { bytes.count - position }

    static func corrupt(_ message: String) -> ParquetError { ParquetError(.corruptPage, message) }

    mutating func readByte() throws(ParquetError) -> UInt8 {
        guard position < bytes.count else { throw Self.corrupt("page data ends early") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readVarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw Self.corrupt("varint longer than 10 bytes") }
        }
    }

    mutating func readZigzagVarint() throws(ParquetError) -> Int64 {
        let z = try readVarint()
        return Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1)))
    }

    mutating func readUInt32LE() throws(ParquetError) -> UInt32 {
        guard remaining >= 4 else { throw Self.corrupt("page data ends inside a 4-byte length") }
        let v = bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self)
        position += 4
        return UInt32(littleEndian: v)
    }

    /// The next `count` bytes, checked against what is left.
    mutating func take(_ count: Int) throws(ParquetError) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else {
            throw Self.corrupt("page needs \(count) more bytes but has \(remaining)")
        }
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<position + count])
    }

    func rest() -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[position...]) }
}

extension Array {
    /// `withUnsafeBytes` for bodies that throw `ParquetError`, keeping the error typed
    /// (the standard library's version rethrows as `any Error`).
    @inline(__always)
    func withUnsafeBytesTyped<R>(_ body: (UnsafeRawBufferPointer) throws(ParquetError) -> R) throws(ParquetError) -> R {
        try withUnsafeBytes { raw in Result { () throws(ParquetError) in try body(raw) } }.get()
    }
}

extension Array where Element == UInt8 {
    /// A zeroed array of `count` bytes that `body` fills in place.
    static func filled(
        count: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) throws(ParquetError) -> Void
    ) throws(ParquetError) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        try result.withUnsafeMutableBufferPointer { buffer in Result { () throws(ParquetError) in try body(buffer) } }.get()
        return result
    }
}
