/// Data page format. V1 is what pyarrow, DuckDB and Spark write by default.
public enum DataPageVersion: Int, Sendable, CustomStringConvertible {
    case v1 = 1
    case v2 = 2
    public var description: String { "V\(rawValue)" }
}

/// How a `ParquetWriter` lays out and compresses its file. Defaults follow arrow C++ and
/// arrow-rs, so files look familiar to every reader.
public struct ParquetWriterOptions: Sendable {
    public static let defaultRowGroupRows = 1_048_576
    public static let defaultRowGroupBytes = 128 << 20
    public static let defaultPageRows = 20_000
    public static let defaultPageBytes = 1 << 20
    public static let defaultDictionaryBytes = 1 << 20
    public static let defaultCreatedBy = "spx-data version 0.1.0"

    public var codec: CompressionCodec = .zstd
    /// Codec level; nil uses the codec's default (ZSTD 3, GZIP 6).
    public var compressionLevel: Int32?
    public var pageVersion: DataPageVersion = .v1
    /// A row group is flushed once it holds this many rows...
    public var rowGroupRowLimit = defaultRowGroupRows
    /// ...or this many bytes of buffered values, whichever comes first. Bounds the writer's memory.
    public var rowGroupByteLimit = defaultRowGroupBytes
    public var pageRowLimit = defaultPageRows
    /// Uncompressed value bytes per data page.
    public var pageByteLimit = defaultPageBytes
    /// PLAIN bytes a column's dictionary may reach before later pages fall back.
    public var dictionaryByteLimit = defaultDictionaryBytes
    /// Write a CRC32 into every page header.
    public var writeChecksums = true
    /// Per-column encodings by column name; other columns get `defaultEncoding(for:)`.
    public var columnEncodings: [String: ColumnEncoding] = [:]
    public var keyValueMetadata: [KeyValue] = []
    public var createdBy = defaultCreatedBy
    /// Declared sort order of the rows (written to each row group; not checked).
    public var sortingColumns: [SortingColumn] = []
    /// Threads that encode a row group's column chunks side by side.
    public var threads = 1
    /// Unix permission bits of a newly created file.
    public var filePermissions: UInt32 = 0o644

    public init() {}

    /// Dictionary for everything but booleans; integers fall back to DELTA_BINARY_PACKED,
    /// which stays compact for sorted keys and timestamps; other types fall back to PLAIN.
    public static func defaultEncoding(for column: ColumnDescriptor) -> ColumnEncoding {
        switch column.physicalType {
        case .boolean: .direct(.plain)
        case .int32, .int64: .dictionary(fallback: .deltaBinaryPacked)
        default: .dictionary(fallback: .plain)
        }
    }

    func encoding(for column: ColumnDescriptor) -> ColumnEncoding {
        columnEncodings[column.name] ?? Self.defaultEncoding(for: column)
    }

    func validate(schema: ParquetSchema) throws(ParquetError) {
        func bad(_ m: String) -> ParquetError { ParquetError(.invalidArgument, m) }
        guard rowGroupRowLimit > 0 else { throw bad("rowGroupRowLimit must be positive, got \(rowGroupRowLimit)") }
        guard rowGroupByteLimit > 0 else { throw bad("rowGroupByteLimit must be positive, got \(rowGroupByteLimit)") }
        guard pageRowLimit > 0 else { throw bad("pageRowLimit must be positive, got \(pageRowLimit)") }
        guard pageByteLimit > 0 else { throw bad("pageByteLimit must be positive, got \(pageByteLimit)") }
        guard dictionaryByteLimit >= 0 else { throw bad("dictionaryByteLimit must not be negative") }
        guard (1...256).contains(threads) else { throw bad("threads must be 1...256, got \(threads)") }
        guard [.uncompressed, .snappy, .gzip, .zstd].contains(codec) else {
            throw bad("codec \(codec) cannot be written; use UNCOMPRESSED, SNAPPY, GZIP or ZSTD")
        }
        for name in columnEncodings.keys where schema.index(of: name) == nil {
            throw bad("an encoding is set for column '\(name)', which is not in the schema")
        }
        for column in schema.columns {
            let encoding = encoding(for: column)
            let direct: Encoding
            switch encoding {
            case .dictionary(let fallback):
                if column.physicalType == .boolean {
                    throw bad("column '\(column.name)': BOOLEAN columns cannot be dictionary-encoded; use PLAIN")
                }
                direct = fallback
            case .direct(let e): direct = e
            }
            switch (direct, column.physicalType) {
            case (.plain, _): continue
            case (.deltaBinaryPacked, .int32), (.deltaBinaryPacked, .int64): continue
            case (.byteStreamSplit, .float), (.byteStreamSplit, .double), (.byteStreamSplit, .int32),
                 (.byteStreamSplit, .int64), (.byteStreamSplit, .fixedLenByteArray): continue
            default:
                throw bad("column '\(column.name)': \(direct) cannot encode \(column.physicalType); use PLAIN, RLE_DICTIONARY, DELTA_BINARY_PACKED (integers) or BYTE_STREAM_SPLIT (numbers)")
            }
        }
    }
}
