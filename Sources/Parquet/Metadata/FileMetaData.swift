/// The footer of a Parquet file, as far as a flat-schema reader and writer need it.
public struct FileMetaData: Sendable, Equatable {
    public var version: Int32
    public var schema: ParquetSchema
    public var numRows: Int64
    public var rowGroups: [RowGroupMetaData]
    public var keyValueMetadata: [KeyValue]
    public var createdBy: String?
    /// Whether the file declares TYPE_ORDER column orders (readers ignore min/max without it).
    public var hasTypeDefinedColumnOrders: Bool

    public init(
        version: Int32 = 1, schema: ParquetSchema, numRows: Int64, rowGroups: [RowGroupMetaData],
        keyValueMetadata: [KeyValue] = [], createdBy: String? = nil, hasTypeDefinedColumnOrders: Bool = true
    ) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.hasTypeDefinedColumnOrders = hasTypeDefinedColumnOrders
    }

    /// The value of a key-value metadata entry, if present.
    public func metadataValue(forKey key: String) -> String? {
        keyValueMetadata.first { $0.key == key }?.value
    }
}

public struct KeyValue: Sendable, Equatable {
    public var key: String
    public var value: String?
    public init(_ key: String, _ value: String?) {
        self.key = key
        self.value = value
    }
}

public struct SortingColumn: Sendable, Equatable {
    public var columnIndex: Int32
    public var descending: Bool
    public var nullsFirst: Bool
    public init(columnIndex: Int32, descending: Bool = false, nullsFirst: Bool = false) {
        self.columnIndex = columnIndex
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}

public struct RowGroupMetaData: Sendable, Equatable {
    public var columns: [ColumnChunkMetaData]
    /// Sum of the chunks' uncompressed sizes, headers included.
    public var totalByteSize: Int64
    public var numRows: Int64
    public var sortingColumns: [SortingColumn]
    public var fileOffset: Int64?
    public var totalCompressedSize: Int64?
    public var ordinal: Int16?
}

public struct ColumnChunkMetaData: Sendable, Equatable {
    public var physicalType: PhysicalType
    public var encodings: [Encoding]
    public var pathInSchema: [String]
    public var codec: CompressionCodec
    /// Levels in the chunk: rows, nulls included.
    public var numValues: Int64
    public var totalUncompressedSize: Int64
    public var totalCompressedSize: Int64
    public var dataPageOffset: Int64
    public var dictionaryPageOffset: Int64?
    public var statistics: Statistics?
    public var encodingStats: [PageEncodingStats]

    /// Where the chunk's bytes start: the dictionary page when there is a usable offset for one
    /// (arrow C++'s rule, which tolerates writers that set it to 0 without a dictionary).
    public var chunkStart: Int64 {
        if let dictionaryPageOffset, dictionaryPageOffset > 0, dictionaryPageOffset < dataPageOffset {
            return dictionaryPageOffset
        }
        return dataPageOffset
    }
}

public struct PageEncodingStats: Sendable, Equatable {
    public var pageType: PageType
    public var encoding: Encoding
    public var count: Int32
}

/// Chunk-level statistics. Bounds are PLAIN bytes of one value, in the column's sort order.
public struct Statistics: Sendable, Equatable {
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var minValue: [UInt8]?
    public var maxValue: [UInt8]?
    /// The deprecated signed-order bounds, kept only to report what old writers wrote.
    public var legacyMin: [UInt8]?
    public var legacyMax: [UInt8]?
    public var isMinValueExact: Bool?
    public var isMaxValueExact: Bool?
    public var nanCount: Int64?

    public init(
        nullCount: Int64? = nil, distinctCount: Int64? = nil, minValue: [UInt8]? = nil, maxValue: [UInt8]? = nil,
        isMinValueExact: Bool? = nil, isMaxValueExact: Bool? = nil, nanCount: Int64? = nil
    ) {
        self.nullCount = nullCount
        self.distinctCount = distinctCount
        self.minValue = minValue
        self.maxValue = maxValue
        self.isMinValueExact = isMinValueExact
        self.isMaxValueExact = isMaxValueExact
        self.nanCount = nanCount
    }
}

public enum PageType: Int32, Sendable, CustomStringConvertible {
    case dataPage = 0
    case indexPage = 1
    case dictionaryPage = 2
    case dataPageV2 = 3

    public var description: String {
        switch self {
        case .dataPage: "DATA_PAGE"
        case .indexPage: "INDEX_PAGE"
        case .dictionaryPage: "DICTIONARY_PAGE"
        case .dataPageV2: "DATA_PAGE_V2"
        }
    }
}
