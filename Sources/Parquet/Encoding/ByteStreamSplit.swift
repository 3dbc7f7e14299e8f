/// BYTE_STREAM_SPLIT: byte j of every value goes to stream j. No header; it only pays off
/// together with a codec, which then sees the slowly varying exponent bytes side by side.
enum ByteStreamSplit {
    /// Appends the split form of `count` values of `width` bytes laid out in `raw`.
    static func encode(_ raw: UnsafeRawBufferPointer, width: Int, count: Int, into out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: width * count))
        out.withUnsafeMutableBytes { dst in
            let base = dst.baseAddress! + start
            for i in 0..<count {
                let src = raw.baseAddress! + i * width
                for j in 0..<width {
                    base.storeBytes(of: src.load(fromByteOffset: j, as: UInt8.self), toByteOffset: j * count + i, as: UInt8.self)
                }
            }
        }
    }

    /// Rejoins `count` values of `width` bytes; returns the raw little-endian value bytes.
    static func decode(_ bytes: UnsafeRawBufferPointer, width: Int, count: Int) throws(ParquetError) -> [UInt8] {
        let (total, overflow) = width.multipliedReportingOverflow(by: count)
        guard !overflow, total <= bytes.count else {
            throw ByteCursor.corrupt("BYTE_STREAM_SPLIT page holds \(bytes.count) bytes, too few for \(count) values of \(width) bytes")
        }
        return [UInt8](unsafeUninitializedCapacity: total) { out, initialized in
            for j in 0..<width {
                let stream = j * count
                for i in 0..<count { out[i * width + j] = bytes[stream + i] }
            }
            initialized = total
        }
    }
}
