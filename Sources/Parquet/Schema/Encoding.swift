/// Parquet value and level encodings, with their Thrift enum values.
public enum Encoding: Int32, Sendable, CaseIterable, CustomStringConvertible {
    case plain = 0
    /// Deprecated alias of `rleDictionary` still written by DuckDB's v1 mode and Impala.
    case plainDictionary = 2
    case rle = 3
    case bitPacked = 4
    case deltaBinaryPacked = 5
    case deltaLengthByteArray = 6
    case deltaByteArray = 7
    case rleDictionary = 8
    case byteStreamSplit = 9

    public var description: String {
        switch self {
        case .plain: "PLAIN"
        case .plainDictionary: "PLAIN_DICTIONARY"
        case .rle: "RLE"
        case .bitPacked: "BIT_PACKED"
        case .deltaBinaryPacked: "DELTA_BINARY_PACKED"
        case .deltaLengthByteArray: "DELTA_LENGTH_BYTE_ARRAY"
        case .deltaByteArray: "DELTA_BYTE_ARRAY"
        case .rleDictionary: "RLE_DICTIONARY"
        case .byteStreamSplit: "BYTE_STREAM_SPLIT"
        }
    }

    public init?(name: String) {
        guard let match = Encoding.allCases.first(where: { $0.description == name.uppercased() }) else { return nil }
        self = match
    }

    /// True for the two dictionary-index encodings.
    var isDictionary: Bool { self == .rleDictionary || self == .plainDictionary }
}

/// What a writer does with one column's values.
public enum ColumnEncoding: Sendable, Equatable, CustomStringConvertible {
    /// Dictionary-encode, falling back to `fallback` once the dictionary outgrows its limit.
    case dictionary(fallback: Encoding)
    /// One encoding for every page, no dictionary: PLAIN, DELTA_BINARY_PACKED or BYTE_STREAM_SPLIT.
    case direct(Encoding)

    public var description: String {
        switch self {
        case .dictionary(let fallback): "RLE_DICTIONARY (fallback \(fallback))"
        case .direct(let encoding): encoding.description
        }
    }
}
