/// One SchemaElement as read, before the flat schema is checked.
private struct RawSchemaElement {
    var type: Int32?
    var typeLength: Int32?
    var repetition: Int32?
    var name = ""
    var numChildren: Int32?
    var convertedType: Int32?
    var scale: Int32?
    var precision: Int32?
    var logicalType: LogicalType?
}

extension FileMetaData {
    /// Decodes a footer. Structural problems are `.corruptMetadata`; nesting and other
    /// valid-but-unhandled features are `.unsupported`.
    static func parse(_ bytes: UnsafeRawBufferPointer, fileOffset: Int64) throws(ParquetError) -> FileMetaData {
        var r = ThriftCompactReader(bytes, fileOffset: fileOffset)
        var version: Int32 = 1
        var elements: [RawSchemaElement] = []
        var numRows: Int64?
        var rawGroups: [RowGroupMetaData] = []
        var kvs: [KeyValue] = []
        var createdBy: String?
        var typeOrders = false
        var sawRowGroups = false
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, ThriftType.i32.rawValue): version = try r.readI32()
            case (2, ThriftType.list.rawValue):
                let (_, n) = try r.readListHeader()
                for _ in 0..<n { elements.append(try parseSchemaElement(&r)) }
            case (3, ThriftType.i64.rawValue): numRows = try r.readZigzag()
            case (4, ThriftType.list.rawValue):
                sawRowGroups = true
                let (_, n) = try r.readListHeader()
                for _ in 0..<n { rawGroups.append(try parseRowGroup(&r)) }
            case (5, ThriftType.list.rawValue):
                let (_, n) = try r.readListHeader()
                for _ in 0..<n { kvs.append(try parseKeyValue(&r)) }
            case (6, ThriftType.binary.rawValue): createdBy = try r.readString()
            case (7, ThriftType.list.rawValue):
                let (_, n) = try r.readListHeader()
                var allTypeOrder = n > 0
                for _ in 0..<n {
                    // ColumnOrder union: member 1 is TYPE_ORDER.
                    try r.beginStruct()
                    while let (member, mt) = try r.readFieldHeader() {
                        if member != 1 { allTypeOrder = false }
                        try r.skip(mt)
                    }
                    r.endStruct()
                }
                typeOrders = allTypeOrder
            case (8, _), (9, _):
                throw ParquetError(.unsupported, "the file uses Parquet encryption, which is not supported")
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let numRows, numRows >= 0, sawRowGroups, !elements.isEmpty else {
            throw r.error("footer lacks its schema, row count or row groups")
        }
        let schema = try flatSchema(elements, r)
        for (g, group) in rawGroups.enumerated() {
            guard group.columns.count == schema.columns.count else {
                throw ParquetError(
                    .corruptMetadata,
                    "row group \(g) has \(group.columns.count) column chunks but the schema has \(schema.columns.count) columns",
                    at: .init(rowGroup: g))
            }
        }
        return FileMetaData(
            version: version, schema: schema, numRows: numRows, rowGroups: rawGroups,
            keyValueMetadata: kvs, createdBy: createdBy, hasTypeDefinedColumnOrders: typeOrders)
    }

    private static func flatSchema(_ elements: [RawSchemaElement], _ r: borrowing ThriftCompactReader) throws(ParquetError) -> ParquetSchema {
        let root = elements[0]
        guard let children = root.numChildren, Int(children) == elements.count - 1 else {
            if elements.dropFirst().contains(where: { ($0.numChildren ?? 0) > 0 }) {
                throw ParquetError(.unsupported, "nested schemas (groups, lists, maps) are not supported; only flat columns")
            }
            throw r.error("schema root declares \(root.numChildren ?? -1) children but \(elements.count - 1) elements follow")
        }
        var columns: [ColumnDescriptor] = []
        for e in elements.dropFirst() {
            if let n = e.numChildren, n > 0 {
                throw ParquetError(.unsupported, "column '\(e.name)' is a nested group; only flat columns are supported")
            }
            guard let rawType = e.type, let type = PhysicalType(rawValue: rawType) else {
                throw r.error("column '\(e.name)' has no valid physical type")
            }
            guard let rawRep = e.repetition, let rep = Repetition(rawValue: rawRep) else {
                throw r.error("column '\(e.name)' has no valid repetition")
            }
            if rep == .repeated {
                throw ParquetError(.unsupported, "column '\(e.name)' is REPEATED; only flat REQUIRED/OPTIONAL columns are supported")
            }
            if type == .fixedLenByteArray {
                guard let len = e.typeLength, len > 0 else { throw r.error("FIXED_LEN_BYTE_ARRAY column '\(e.name)' lacks its length") }
            }
            let typeLength = type == .fixedLenByteArray ? e.typeLength : (type == .int96 ? 12 : nil)
            let logical = e.logicalType ?? legacyLogicalType(e)
            columns.append(ColumnDescriptor(e.name, type, rep, logicalType: logical, typeLength: typeLength))
        }
        return ParquetSchema(columns)
    }

    private static func legacyLogicalType(_ e: RawSchemaElement) -> LogicalType? {
        guard let raw = e.convertedType, let c = ConvertedType(rawValue: raw) else { return nil }
        switch c {
        case .utf8: return .string
        case .date: return .date
        case .timestampMillis: return .timestamp(isAdjustedToUTC: true, unit: .millis)
        case .timestampMicros: return .timestamp(isAdjustedToUTC: true, unit: .micros)
        case .timeMillis: return .time(isAdjustedToUTC: true, unit: .millis)
        case .timeMicros: return .time(isAdjustedToUTC: true, unit: .micros)
        case .int8: return .integer(bitWidth: 8, isSigned: true)
        case .int16: return .integer(bitWidth: 16, isSigned: true)
        case .int32: return .integer(bitWidth: 32, isSigned: true)
        case .int64: return .integer(bitWidth: 64, isSigned: true)
        case .uint8: return .integer(bitWidth: 8, isSigned: false)
        case .uint16: return .integer(bitWidth: 16, isSigned: false)
        case .uint32: return .integer(bitWidth: 32, isSigned: false)
        case .uint64: return .integer(bitWidth: 64, isSigned: false)
        case .decimal: return .decimal(precision: e.precision ?? 0, scale: e.scale ?? 0)
        case .json: return .json
        case .bson: return .bson
        case .enumeration: return .enumeration
        case .map, .mapKeyValue, .list, .interval: return nil
        }
    }

    private static func parseSchemaElement(_ r: inout ThriftCompactReader) throws(ParquetError) -> RawSchemaElement {
        var e = RawSchemaElement()
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, ThriftType.i32.rawValue): e.type = try r.readI32()
            case (2, ThriftType.i32.rawValue): e.typeLength = try r.readI32()
            case (3, ThriftType.i32.rawValue): e.repetition = try r.readI32()
            case (4, ThriftType.binary.rawValue): e.name = try r.readString()
            case (5, ThriftType.i32.rawValue): e.numChildren = try r.readI32()
            case (6, ThriftType.i32.rawValue): e.convertedType = try r.readI32()
            case (7, ThriftType.i32.rawValue): e.scale = try r.readI32()
            case (8, ThriftType.i32.rawValue): e.precision = try r.readI32()
            case (10, ThriftType.structure.rawValue): e.logicalType = try parseLogicalType(&r)
            default: try r.skip(t)
            }
        }
        r.endStruct()
        return e
    }

    private static func parseLogicalType(_ r: inout ThriftCompactReader) throws(ParquetError) -> LogicalType? {
        var result: LogicalType? = .unknown
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            guard t == ThriftType.structure.rawValue else {
                try r.skip(t)
                continue
            }
            switch id {
            case 1: result = .string
            case 4: result = .enumeration
            case 6: result = .date
            case 11: result = .unknown
            case 12: result = .json
            case 13: result = .bson
            case 14: result = .uuid
            case 5:
                var scale: Int32 = 0, precision: Int32 = 0
                try r.beginStruct()
                while let (f, ft) = try r.readFieldHeader() {
                    if f == 1 && ft == ThriftType.i32.rawValue { scale = try r.readI32() }
                    else if f == 2 && ft == ThriftType.i32.rawValue { precision = try r.readI32() }
                    else { try r.skip(ft) }
                }
                r.endStruct()
                result = .decimal(precision: precision, scale: scale)
                continue
            case 7, 8:
                var utc = false
                var unit: LogicalType.TimeUnit = .millis
                try r.beginStruct()
                while let (f, ft) = try r.readFieldHeader() {
                    if f == 1 && (ft == ThriftType.boolTrue.rawValue || ft == ThriftType.boolFalse.rawValue) {
                        utc = try r.boolValue(ft)
                    } else if f == 2 && ft == ThriftType.structure.rawValue {
                        try r.beginStruct()
                        while let (u, ut) = try r.readFieldHeader() {
                            switch u {
                            case 1: unit = .millis
                            case 2: unit = .micros
                            case 3: unit = .nanos
                            default: break
                            }
                            try r.skip(ut)
                        }
                        r.endStruct()
                    } else {
                        try r.skip(ft)
                    }
                }
                r.endStruct()
                result = id == 8 ? .timestamp(isAdjustedToUTC: utc, unit: unit) : .time(isAdjustedToUTC: utc, unit: unit)
                continue
            case 10:
                var bits: Int8 = 0
                var signed = true
                try r.beginStruct()
                while let (f, ft) = try r.readFieldHeader() {
                    if f == 1 && ft == ThriftType.byte.rawValue { bits = Int8(bitPattern: try r.readByte()) }
                    else if f == 2 && (ft == ThriftType.boolTrue.rawValue || ft == ThriftType.boolFalse.rawValue) {
                        signed = try r.boolValue(ft)
                    } else { try r.skip(ft) }
                }
                r.endStruct()
                result = [8, 16, 32, 64].contains(bits) ? .integer(bitWidth: bits, isSigned: signed) : .unknown
                continue
            default:
                // MAP, LIST, FLOAT16, VARIANT, GEOMETRY...: no annotation this reader applies.
                result = .unknown
            }
            try r.skip(t)
        }
        r.endStruct()
        return result
    }

    private static func parseKeyValue(_ r: inout ThriftCompactReader) throws(ParquetError) -> KeyValue {
        var key = "", value: String?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, ThriftType.binary.rawValue): key = try r.readString()
            case (2, ThriftType.binary.rawValue): value = try r.readString()
            default: try r.skip(t)
            }
        }
        r.endStruct()
        return KeyValue(key, value)
    }
}
