extension FileMetaData {
    /// The footer as Thrift compact bytes (without the length and magic that follow it).
    func thriftEncoded() -> [UInt8] {
        var w = ThriftCompactWriter(capacity: 4096)
        w.beginStruct()
        w.field(1, i32: version)
        w.beginList(2, elementType: .structure, count: schema.columns.count + 1)
        // The root element: a group named "schema" whose children are the leaves.
        w.beginStruct()
        w.field(4, string: "schema")
        w.field(5, i32: Int32(schema.columns.count))
        w.endStruct()
        for column in schema.columns { column.writeSchemaElement(&w) }
        w.field(3, i64: numRows)
        w.beginList(4, elementType: .structure, count: rowGroups.count)
        for group in rowGroups { group.write(&w) }
        if !keyValueMetadata.isEmpty {
            w.beginList(5, elementType: .structure, count: keyValueMetadata.count)
            for kv in keyValueMetadata {
                w.beginStruct()
                w.field(1, string: kv.key)
                if let value = kv.value { w.field(2, string: value) }
                w.endStruct()
            }
        }
        if let createdBy { w.field(6, string: createdBy) }
        if hasTypeDefinedColumnOrders {
            w.beginList(7, elementType: .structure, count: schema.columns.count)
            for _ in schema.columns {
                w.beginStruct()  // ColumnOrder union
                w.beginField(1)  // TYPE_ORDER {}
                w.endStruct()
                w.endStruct()
            }
        }
        w.endStruct()
        return w.bytes
    }
}

extension ColumnDescriptor {
    fileprivate func writeSchemaElement(_ w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, i32: physicalType.rawValue)
        if let typeLength { w.field(2, i32: typeLength) }
        w.field(3, i32: repetition.rawValue)
        w.field(4, string: name)
        if let converted = convertedType { w.field(6, i32: converted.rawValue) }
        if case .decimal(let precision, let scale) = logicalType {
            w.field(7, i32: scale)
            w.field(8, i32: precision)
        }
        if let logicalType { logicalType.write(field: 10, &w) }
        w.endStruct()
    }

    /// The legacy annotation old readers understand, when one exists.
    var convertedType: ConvertedType? {
        switch logicalType {
        case .string: .utf8
        case .date: .date
        case .timestamp(_, .millis): .timestampMillis
        case .timestamp(_, .micros): .timestampMicros
        case .time(_, .millis): .timeMillis
        case .time(_, .micros): .timeMicros
        case .integer(let bits, let signed):
            switch (bits, signed) {
            case (8, true): .int8
            case (16, true): .int16
            case (32, true): .int32
            case (64, true): .int64
            case (8, false): .uint8
            case (16, false): .uint16
            case (32, false): .uint32
            default: .uint64
            }
        case .decimal: .decimal
        case .json: .json
        case .bson: .bson
        case .enumeration: .enumeration
        default: nil
        }
    }
}

extension LogicalType {
    fileprivate func write(field id: Int16, _ w: inout ThriftCompactWriter) {
        w.beginField(id)
        func empty(_ member: Int16) {
            w.beginField(member)
            w.endStruct()
        }
        func unit(_ u: TimeUnit) {
            w.beginField(2)
            switch u {
            case .millis: empty(1)
            case .micros: empty(2)
            case .nanos: empty(3)
            }
            w.endStruct()
        }
        switch self {
        case .string: empty(1)
        case .enumeration: empty(4)
        case .decimal(let precision, let scale):
            w.beginField(5)
            w.field(1, i32: scale)
            w.field(2, i32: precision)
            w.endStruct()
        case .date: empty(6)
        case .time(let utc, let u):
            w.beginField(7)
            w.field(1, bool: utc)
            unit(u)
            w.endStruct()
        case .timestamp(let utc, let u):
            w.beginField(8)
            w.field(1, bool: utc)
            unit(u)
            w.endStruct()
        case .integer(let bits, let signed):
            w.beginField(10)
            w.field(1, i8: bits)
            w.field(2, bool: signed)
            w.endStruct()
        case .unknown: empty(11)
        case .json: empty(12)
        case .bson: empty(13)
        case .uuid: empty(14)
        }
        w.endStruct()
    }
}

extension RowGroupMetaData {
    fileprivate func write(_ w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.beginList(1, elementType: .structure, count: columns.count)
        for chunk in columns {
            w.beginStruct()  // ColumnChunk
            w.field(2, i64: 0)  // deprecated file_offset: 0, as current writers do
            w.beginField(3)
            chunk.write(&w)
            w.endStruct()  // ColumnMetaData
            w.endStruct()  // ColumnChunk
        }
        w.field(2, i64: totalByteSize)
        w.field(3, i64: numRows)
        if !sortingColumns.isEmpty {
            w.beginList(4, elementType: .structure, count: sortingColumns.count)
            for s in sortingColumns {
                w.beginStruct()
                w.field(1, i32: s.columnIndex)
                w.field(2, bool: s.descending)
                w.field(3, bool: s.nullsFirst)
                w.endStruct()
            }
        }
        if let fileOffset { w.field(5, i64: fileOffset) }
        if let totalCompressedSize { w.field(6, i64: totalCompressedSize) }
        if let ordinal { w.field(7, i16: ordinal) }
        w.endStruct()
    }
}

extension ColumnChunkMetaData {
    fileprivate func write(_ w: inout ThriftCompactWriter) {
        w.field(1, i32: physicalType.rawValue)
        w.beginList(2, elementType: .i32, count: encodings.count)
        for e in encodings { w.element(i32: e.rawValue) }
        w.beginList(3, elementType: .binary, count: pathInSchema.count)
        for p in pathInSchema { w.element(string: p) }
        w.field(4, i32: codec.rawValue)
        w.field(5, i64: numValues)
        w.field(6, i64: totalUncompressedSize)
        w.field(7, i64: totalCompressedSize)
        w.field(9, i64: dataPageOffset)
        if let dictionaryPageOffset { w.field(11, i64: dictionaryPageOffset) }
        if let statistics {
            w.beginField(12)
            statistics.write(&w)
            w.endStruct()
        }
        if !encodingStats.isEmpty {
            w.beginList(13, elementType: .structure, count: encodingStats.count)
            for s in encodingStats {
                w.beginStruct()
                w.field(1, i32: s.pageType.rawValue)
                w.field(2, i32: s.encoding.rawValue)
                w.field(3, i32: s.count)
                w.endStruct()
            }
        }
    }
}

extension Statistics {
    fileprivate func write(_ w: inout ThriftCompactWriter) {
        if let legacyMax { w.field(1, binary: legacyMax) }
        if let legacyMin { w.field(2, binary: legacyMin) }
        if let nullCount { w.field(3, i64: nullCount) }
        if let distinctCount { w.field(4, i64: distinctCount) }
        if let maxValue { w.field(5, binary: maxValue) }
        if let minValue { w.field(6, binary: minValue) }
        if let isMaxValueExact { w.field(7, bool: isMaxValueExact) }
        if let isMinValueExact { w.field(8, bool: isMinValueExact) }
        if let nanCount { w.field(9, i64: nanCount) }
    }
}
