import CZlib

/// GZIP (RFC 1952 members) through zlib.
enum Gzip {
    static func compress(_ input: UnsafeRawBufferPointer, level: Int32, into output: inout [UInt8]) throws(ParquetError) {
        var stream = z_stream()
        // windowBits 15 + 16 asks zlib for a gzip wrapper rather than zlib's own.
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ParquetError(.compression, "cannot initialise GZIP compression")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(input.count)))
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: bound))
        let status: Int32 = output.withUnsafeMutableBytes { out in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
            stream.avail_in = UInt32(input.count)
            stream.next_out = (out.baseAddress! + start).assumingMemoryBound(to: UInt8.self)
            stream.avail_out = UInt32(bound)
            return deflate(&stream, Z_FINISH)
        }
        guard status == Z_STREAM_END else {
            output.removeSubrange(start...)
            throw ParquetError(.compression, "GZIP compression failed (zlib status \(status))")
        }
        output.removeSubrange((start + Int(stream.total_out))...)
    }

    /// Inflates one or more concatenated gzip members into exactly `expectedSize` bytes.
    static func decompress(_ input: UnsafeRawBufferPointer, expectedSize: Int) throws(ParquetError) -> [UInt8] {
        // One spare byte keeps the output pointer valid when the page is empty.
        var output = [UInt8](repeating: 0, count: expectedSize + 1)
        var produced = 0
        var consumed = 0
        while consumed < input.count {
            var stream = z_stream()
            guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                throw ParquetError(.compression, "cannot initialise GZIP decompression")
            }
            let status: Int32 = output.withUnsafeMutableBytes { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: UInt8.self) + consumed)
                stream.avail_in = UInt32(input.count - consumed)
                stream.next_out = (out.baseAddress! + produced).assumingMemoryBound(to: UInt8.self)
                stream.avail_out = UInt32(expectedSize - produced)
                return inflate(&stream, Z_FINISH)
            }
            let used = input.count - consumed - Int(stream.avail_in)
            let made = Int(stream.total_out)
            inflateEnd(&stream)
            guard status == Z_STREAM_END else {
                throw ParquetError(.compression, "GZIP data is corrupt or longer than the \(expectedSize) bytes the page header announces (zlib status \(status))")
            }
            produced += made
            consumed += used
            guard used > 0 else { break }
        }
        guard produced == expectedSize else {
            throw ParquetError(.compression, "GZIP data decodes to \(produced) bytes but the page header says \(expectedSize)")
        }
        output.removeLast()
        return output
    }
}
