import CZlib
import CZstd

/// Decompresses page bodies of one codec. One per thread: it is not Sendable.
///
/// The output size always comes from the page header and is allocated once; a stream that
/// decodes to any other size is an error, so corrupt input can neither overrun nor make
/// us allocate more than the header announced (which the reader caps).
final class PageDecompressor {
    let codec: CompressionCodec
    private var zstd: OpaquePointer?

    init(codec: CompressionCodec) throws(ParquetError) {
        self.codec = codec
        switch codec {
        case .uncompressed, .snappy, .gzip, .lz4Raw:
            break
        case .zstd:
            zstd = ZSTD_createDCtx()
            guard zstd != nil else { throw ParquetError(.compression, "cannot allocate a ZSTD context") }
        case .lzo, .brotli, .lz4:
            throw ParquetError(.unsupported, "\(codec) compression is not supported; rewrite the file with ZSTD, SNAPPY, GZIP or LZ4_RAW")
        }
    }

    deinit { if let zstd { ZSTD_freeDCtx(zstd) } }

    func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws(ParquetError) -> [UInt8] {
        guard uncompressedSize >= 0 else {
            throw ParquetError(.corruptPage, "negative uncompressed size \(uncompressedSize)")
        }
        switch codec {
        case .uncompressed:
            guard input.count == uncompressedSize else { throw sizeError(input.count, uncompressedSize) }
            return Array(input)
        case .snappy:
            return try Snappy.decompress(input, expectedSize: uncompressedSize)
        case .gzip:
            return try Gzip.decompress(input, expectedSize: uncompressedSize)
        case .lz4Raw:
            return try LZ4Raw.decompress(input, expectedSize: uncompressedSize)
        case .zstd:
            return try decompressZstd(input, uncompressedSize)
        default:
            throw ParquetError(.unsupported, "\(codec) compression is not supported")
        }
    }

    private func decompressZstd(_ input: UnsafeRawBufferPointer, _ size: Int) throws(ParquetError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size)
        // An empty frame is valid for an empty page; give zstd a real pointer either way.
        let written = output.withUnsafeMutableBytes { out in
            withUnsafeTemporaryAllocation(byteCount: 1, alignment: 1) { spare in
                ZSTD_decompressDCtx(zstd, out.baseAddress ?? spare.baseAddress, size, input.baseAddress, input.count)
            }
        }
        if ZSTD_isError(written) != 0 {
            throw ParquetError(.compression, "ZSTD data is corrupt: \(String(cString: ZSTD_getErrorName(written)))")
        }
        guard written == size else { throw sizeError(written, size) }
        return output
    }

    private func sizeError(_ got: Int, _ want: Int) -> ParquetError {
        ParquetError(.compression, "\(codec) data decodes to \(got) bytes but the page header says \(want)")
    }
}
