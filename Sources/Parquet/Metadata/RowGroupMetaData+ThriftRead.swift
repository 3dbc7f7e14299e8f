extension FileMetaData {
    static func parseRowGroup(_ r: inout ThriftCompactReader) throws(ParquetError) -> RowGroupMetaData {
        var columns: [ColumnChunkMetaData] = []
        var totalByteSize: Int64 = 0, numRows: Int64?
        var sorting: [SortingColumn] = []
        var fileOffset: Int64?, totalCompressed: Int64?, ordinal: Int16?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, ThriftType.list.rawValue):
                let (_, n) = try r.readListHeader()
                for _ in 0..<n { columns.append(try parseColumnChunk(&r)) }
            case (2, ThriftType.i64.rawValue): totalByteSize = try r.readZigzag()
            case (3, ThriftType.i64.rawValue): numRows = try r.readZigzag()
            case (4, ThriftType.list.rawValue):
                let (_, n) = try r.readListHeader()
                for _ in 0..<n {
                    var s = SortingColumn(columnIndex: 0)
                    try r.beginStruct()
                    while let (f, ft) = try r.readFieldHeader() {
                        switch (f, ft) {
                        case (1, ThriftType.i32.rawValue): s.columnIndex = try r.readI32()
                        case (2, _) where ft <= 2: s.descending = try r.boolValue(ft)
                        case (3, _) where ft <= 2: s.nullsFirst = try r.boolValue(ft)
                        default: try r.skip(ft)
                        }
                    }
                    r.endStruct()
                    sorting.append(s)
                }
            case (5, ThriftType.i64.rawValue): fileOffset = try r.readZigzag()
            case (6, ThriftType.i64.rawValue): totalCompressed = try r.readZigzag()
            case (7, ThriftType.i16.rawValue): ordinal = try r.readI16()
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let numRows, numRows >= 0 else { throw r.error("row group lacks a valid num_rows") }
        return RowGroupMetaData(
            columns: columns, totalByteSize: totalByteSize, numRows: numRows, sortingColumns: sorting,
            fileOffset: fileOffset, totalCompressedSize: totalCompressed, ordinal: ordinal)
    }

    private static func parseColumnChunk(_ r: inout ThriftCompactReader) throws(ParquetError) -> ColumnChunkMetaData {
        var meta: ColumnChunkMetaData?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, ThriftType.binary.rawValue):
                throw ParquetError(.unsupported, "column chunks stored in other files (file_path) are not supported")
            case (3, ThriftType.structure.rawValue): meta = try parseColumnMetaData(&r)
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let meta else { throw r.error("column chunk lacks its meta_data") }
        return meta
    }

    private static func parseColumnMetaData(_ r: inout ThriftCompactReader) throws(ParquetError) -> ColumnChunkMetaData {
        var type: Int32?, codec: Int32?, numValues: Int64?, uncompressed: Int64?, compressed: Int64?, dataOffset: Int64?
        var encodings: [Encoding] = [], path: [String] = [], dictOffset: Int64?, stats: Statistics?
        var encodingStats: [PageEncodingStats] = []
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, ThriftType.i32.rawValue): type = try r.readI32()
            case (2, ThriftType.list.rawValue):
                let (_, n) = try r.readListHeader()
                for _ in 0..<n {
                    // Unknown encodings in this summary list are harmless; pages say what they use.
                    if let e = Encoding(rawValue: try r.readI32()) { encodings.append(e) }
                }
            case (3, ThriftType.list.rawValue):
                let (_, n) = try r.readListHeader()
                for _ in 0..<n { path.append(try r.readString()) }
            case (4, ThriftType.i32.rawValue): codec = try r.readI32()
            case (5, ThriftType.i64.rawValue): numValues = try r.readZigzag()
            case (6, ThriftType.i64.rawValue): uncompressed = try r.readZigzag()
            case (7, ThriftType.i64.rawValue): compressed = try r.readZigzag()
            case (9, ThriftType.i64.rawValue): dataOffset = try r.readZigzag()
            case (11, ThriftType.i64.rawValue): dictOffset = try r.readZigzag()
            case (12, ThriftType.structure.rawValue): stats = try parseStatistics(&r)
            case (13, ThriftType.list.rawValue):
                let (_, n) = try r.readListHeader()
                for _ in 0..<n {
                    var pt: Int32 = 0, enc: Int32 = 0, count: Int32 = 0
                    try r.beginStruct()
                    while let (f, ft) = try r.readFieldHeader() {
                        switch (f, ft) {
                        case (1, ThriftType.i32.rawValue): pt = try r.readI32()
                        case (2, ThriftType.i32.rawValue): enc = try r.readI32()
                        case (3, ThriftType.i32.rawValue): count = try r.readI32()
                        default: try r.skip(ft)
                        }
                    }
                    r.endStruct()
                    if let p = PageType(rawValue: pt), let e = Encoding(rawValue: enc) {
                        encodingStats.append(PageEncodingStats(pageType: p, encoding: e, count: count))
                    }
                }
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let type, let physical = PhysicalType(rawValue: type), let codec, let numValues, let uncompressed,
              let compressed, let dataOffset
        else { throw r.error("column metadata lacks a required field (type, codec, sizes or data_page_offset)") }
        guard let compression = CompressionCodec(rawValue: codec) else {
            throw ParquetError(.unsupported, "unknown compression codec \(codec)")
        }
        guard numValues >= 0, uncompressed >= 0, compressed >= 0, dataOffset >= 0 else {
            throw r.error("column metadata has negative sizes or offsets")
        }
        return ColumnChunkMetaData(
            physicalType: physical, encodings: encodings, pathInSchema: path, codec: compression,
            numValues: numValues, totalUncompressedSize: uncompressed, totalCompressedSize: compressed,
            dataPageOffset: dataOffset, dictionaryPageOffset: dictOffset, statistics: stats,
            encodingStats: encodingStats)
    }

    private static func parseStatistics(_ r: inout ThriftCompactReader) throws(ParquetError) -> Statistics {
        var s = Statistics()
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, ThriftType.binary.rawValue): s.legacyMax = try r.readBinary()
            case (2, ThriftType.binary.rawValue): s.legacyMin = try r.readBinary()
            case (3, ThriftType.i64.rawValue): s.nullCount = try r.readZigzag()
            case (4, ThriftType.i64.rawValue): s.distinctCount = try r.readZigzag()
            case (5, ThriftType.binary.rawValue): s.maxValue = try r.readBinary()
            case (6, ThriftType.binary.rawValue): s.minValue = try r.readBinary()
            case (7, _) where t <= 2: s.isMaxValueExact = try r.boolValue(t)
            case (8, _) where t <= 2: s.isMinValueExact = try r.boolValue(t)
            case (9, ThriftType.i64.rawValue): s.nanCount = try r.readZigzag()
            default: try r.skip(t)
            }
        }
        r.endStruct()
        return s
    }
}
