extension PageHeader {
    func thriftEncoded(into w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, i32: type.rawValue)
        w.field(2, i32: uncompressedPageSize)
        w.field(3, i32: compressedPageSize)
        if let crc { w.field(4, i32: Int32(bitPattern: crc)) }
        if let h = dataPage {
            w.beginField(5)
            w.field(1, i32: h.numValues)
            w.field(2, i32: h.encoding.rawValue)
            w.field(3, i32: h.definitionLevelEncoding.rawValue)
            w.field(4, i32: h.repetitionLevelEncoding.rawValue)
            w.endStruct()
        }
        if let h = dictionaryPage {
            w.beginField(7)
            w.field(1, i32: h.numValues)
            w.field(2, i32: h.encoding.rawValue)
            if let sorted = h.isSorted { w.field(3, bool: sorted) }
            w.endStruct()
        }
        if let h = dataPageV2 {
            w.beginField(8)
            w.field(1, i32: h.numValues)
            w.field(2, i32: h.numNulls)
            w.field(3, i32: h.numRows)
            w.field(4, i32: h.encoding.rawValue)
            w.field(5, i32: h.definitionLevelsByteLength)
            w.field(6, i32: h.repetitionLevelsByteLength)
            w.field(7, bool: h.isCompressed)
            w.endStruct()
        }
        w.endStruct()
    }

    /// Parses a page header from the start of `bytes`; returns it with its encoded length.
    static func parse(_ bytes: UnsafeRawBufferPointer, fileOffset: Int64) throws(ParquetError) -> (PageHeader, Int) {
        var r = ThriftCompactReader(bytes, fileOffset: fileOffset)
        var type: Int32?, uncompressed: Int32?, compressed: Int32?, crc: UInt32?
        var v1: DataPageHeader?, v2: DataPageHeaderV2?, dict: DictionaryPageHeader?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, ThriftType.i32.rawValue): type = try r.readI32()
            case (2, ThriftType.i32.rawValue): uncompressed = try r.readI32()
            case (3, ThriftType.i32.rawValue): compressed = try r.readI32()
            case (4, ThriftType.i32.rawValue): crc = UInt32(bitPattern: try r.readI32())
            case (5, ThriftType.structure.rawValue): v1 = try parseV1(&r)
            case (7, ThriftType.structure.rawValue): dict = try parseDictionary(&r)
            case (8, ThriftType.structure.rawValue): v2 = try parseV2(&r)
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let type, let uncompressed, let compressed else {
            throw r.error("page header lacks its type or sizes")
        }
        guard let pageType = PageType(rawValue: type) else { throw r.error("unknown page type \(type)") }
        guard uncompressed >= 0, compressed >= 0 else {
            throw r.error("negative page size (\(uncompressed) uncompressed, \(compressed) compressed)")
        }
        let header = PageHeader(
            type: pageType, uncompressedPageSize: uncompressed, compressedPageSize: compressed, crc: crc,
            dataPage: v1, dataPageV2: v2, dictionaryPage: dict)
        return (header, r.position)
    }

    private static func encoding(_ raw: Int32, _ r: borrowing ThriftCompactReader) throws(ParquetError) -> Encoding {
        guard let e = Encoding(rawValue: raw) else {
            throw ParquetError(.unsupported, "page uses unknown encoding \(raw)", at: .init(offset: r.fileOffset + Int64(r.position)))
        }
        return e
    }

    private static func parseV1(_ r: inout ThriftCompactReader) throws(ParquetError) -> DataPageHeader {
        var n: Int32?, enc: Int32?, def: Int32 = 3, rep: Int32 = 3
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, ThriftType.i32.rawValue): n = try r.readI32()
            case (2, ThriftType.i32.rawValue): enc = try r.readI32()
            case (3, ThriftType.i32.rawValue): def = try r.readI32()
            case (4, ThriftType.i32.rawValue): rep = try r.readI32()
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let n, let enc, n >= 0 else { throw r.error("data page header lacks num_values or encoding") }
        return DataPageHeader(
            numValues: n, encoding: try encoding(enc, r),
            definitionLevelEncoding: Encoding(rawValue: def) ?? .rle,
            repetitionLevelEncoding: Encoding(rawValue: rep) ?? .rle)
    }

    private static func parseV2(_ r: inout ThriftCompactReader) throws(ParquetError) -> DataPageHeaderV2 {
        var f = [Int32?](repeating: nil, count: 7)
        var compressed = true
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            if (1...6).contains(id) && t == ThriftType.i32.rawValue {
                f[Int(id)] = try r.readI32()
            } else if id == 7 && (t == ThriftType.boolTrue.rawValue || t == ThriftType.boolFalse.rawValue) {
                compressed = try r.boolValue(t)
            } else {
                try r.skip(t)
            }
        }
        r.endStruct()
        guard let n = f[1], let nulls = f[2], let rows = f[3], let enc = f[4], let defLen = f[5], let repLen = f[6],
              n >= 0, nulls >= 0, nulls <= n, rows >= 0, defLen >= 0, repLen >= 0
        else { throw r.error("data page V2 header is incomplete or has negative counts") }
        return DataPageHeaderV2(
            numValues: n, numNulls: nulls, numRows: rows, encoding: try encoding(enc, r),
            definitionLevelsByteLength: defLen, repetitionLevelsByteLength: repLen, isCompressed: compressed)
    }

    private static func parseDictionary(_ r: inout ThriftCompactReader) throws(ParquetError) -> DictionaryPageHeader {
        var n: Int32?, enc: Int32 = 0, sorted: Bool?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, ThriftType.i32.rawValue): n = try r.readI32()
            case (2, ThriftType.i32.rawValue): enc = try r.readI32()
            case (3, ThriftType.boolTrue.rawValue), (3, ThriftType.boolFalse.rawValue): sorted = try r.boolValue(t)
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let n, n >= 0 else { throw r.error("dictionary page header lacks num_values") }
        return DictionaryPageHeader(numValues: n, encoding: try encoding(enc, r), isSorted: sorted)
    }
}
