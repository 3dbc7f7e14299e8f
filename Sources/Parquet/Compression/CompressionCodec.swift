/// Page compression codecs, with their Thrift enum values.
public enum CompressionCodec: Int32, Sendable, CaseIterable, CustomStringConvertible {
    case uncompressed = 0
    case snappy = 1
    case gzip = 2
    case lzo = 3
    case brotli = 4
    /// Hadoop-framed LZ4: deprecated, neither read nor written.
    case lz4 = 5
    case zstd = 6
    /// A bare LZ4 block (what pyarrow's `compression='lz4'` writes); read only.
    case lz4Raw = 7

    public var description: String {
        switch self {
        case .uncompressed: "UNCOMPRESSED"
        case .snappy: "SNAPPY"
        case .gzip: "GZIP"
        case .lzo: "LZO"
        case .brotli: "BROTLI"
        case .lz4: "LZ4"
        case .zstd: "ZSTD"
        case .lz4Raw: "LZ4_RAW"
        }
    }

    /// Parses a codec name, case-insensitively; "none" means uncompressed.
    public init?(name: String) {
        let upper = name.uppercased()
        if upper == "NONE" {
            self = .uncompressed
            return
        }
        guard let match = Self.allCases.first(where: { $0.description == upper }) else { return nil }
        self = match
    }
}
