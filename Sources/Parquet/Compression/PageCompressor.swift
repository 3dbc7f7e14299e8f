import CZlib
import CZstd

/// Compresses page bodies with one codec, keeping the codec's context across pages.
/// One per thread: it is not Sendable.
final class PageCompressor {
    let codec: CompressionCodec
    private let level: Int32
    private var zstd: OpaquePointer?

    /// - Parameter level: nil for the codec's default (ZSTD 3, GZIP 6).
    init(codec: CompressionCodec, level: Int32?) throws(ParquetError) {
        self.codec = codec
        switch codec {
        case .uncompressed, .snappy:
            self.level = 0
        case .zstd:
            let range = ZSTD_minCLevel()...ZSTD_maxCLevel()
            let chosen = level ?? 3
            guard range.contains(chosen) else {
                throw ParquetError(.invalidArgument, "ZSTD level \(chosen) is outside \(range.lowerBound)...\(range.upperBound)")
            }
            self.level = chosen
            zstd = ZSTD_createCCtx()
            guard zstd != nil else { throw ParquetError(.compression, "cannot allocate a ZSTD context") }
        case .gzip:
            let chosen = level ?? 6
            guard (0...9).contains(chosen) else { throw ParquetError(.invalidArgument, "GZIP level \(chosen) is outside 0...9") }
            self.level = chosen
        default:
            throw ParquetError(.unsupported, "writing \(codec) is not supported; use UNCOMPRESSED, SNAPPY, GZIP or ZSTD")
        }
    }

    deinit { if let zstd { ZSTD_freeCCtx(zstd) } }

    /// Appends the compressed form of `input` to `output`, with no framing beyond the codec's own.
    func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(ParquetError) {
        switch codec {
        case .uncompressed:
            output.append(contentsOf: input)
        case .snappy:
            Snappy.compress(input, into: &output)
        case .zstd:
            try compressZstd(input, into: &output)
        case .gzip:
            try Gzip.compress(input, level: level, into: &output)
        default:
            throw ParquetError(.unsupported, "writing \(codec) is not supported")
        }
    }

    private func compressZstd(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(ParquetError) {
        let bound = ZSTD_compressBound(input.count)
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: bound))
        let written = output.withUnsafeMutableBytes { out in
            ZSTD_compressCCtx(zstd, out.baseAddress! + start, bound, input.baseAddress, input.count, level)
        }
        if ZSTD_isError(written) != 0 {
            output.removeSubrange(start...)
            throw ParquetError(.compression, "ZSTD compression failed: \(String(cString: ZSTD_getErrorName(written)))")
        }
        output.removeSubrange((start + written)...)
    }
}
