import CZlib

/// CRC-32 as Parquet page headers use it (the zlib/gzip polynomial). zlib's implementation
/// is used because current versions are vectorised, several times faster than a table loop.
enum CRC32 {
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        update(0, bytes)
    }

    /// Continues `crc` (0 to start) over `bytes`; feeding pieces in order equals one call.
    static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
        var value = UInt(crc)
        var offset = 0
        // zlib takes a 32-bit length; feed gigantic buffers in pieces.
        while offset < bytes.count {
            let n = min(bytes.count - offset, 1 << 30)
            value = crc32(value, base.assumingMemoryBound(to: UInt8.self) + offset, UInt32(n))
            offset += n
        }
        return UInt32(truncatingIfNeeded: value)
    }
}
