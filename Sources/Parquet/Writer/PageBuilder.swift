/// A page as it goes to disk: Thrift header followed by the (compressed) body.
struct BuiltPage {
    var bytes: [UInt8]
    /// Header plus uncompressed body, for the chunk's total_uncompressed_size.
    var uncompressedLength: Int
}

/// Assembles pages: levels, compression, CRC and header.
enum PageBuilder {
    static func dataPage(
        values: [UInt8], levels: [UInt32]?, rows: Int, nulls: Int, encoding: Encoding,
        version: DataPageVersion, checksum: Bool, compressor: PageCompressor
    ) throws(ParquetError) -> BuiltPage {
        var levelBytes: [UInt8] = []
        if let levels { RLEHybrid.encode(levels, width: 1, into: &levelBytes) }
        var body: [UInt8] = []
        var header: PageHeader
        switch version {
        case .v1:
            var plain: [UInt8] = []
            plain.reserveCapacity(levelBytes.count + 4 + values.count)
            if levels != nil {
                plain.appendLittleEndian(UInt32(levelBytes.count))
                plain.append(contentsOf: levelBytes)
            }
            plain.append(contentsOf: values)
            try plain.withUnsafeBytesTyped { (raw) throws(ParquetError) in try compressor.compress(raw, appendingTo: &body) }
            header = PageHeader(
                type: .dataPage, uncompressedPageSize: try size(plain.count), compressedPageSize: try size(body.count),
                dataPage: DataPageHeader(
                    numValues: Int32(rows), encoding: encoding, definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle))
        case .v2:
            // V2 keeps the levels outside the compressed section.
            body = levelBytes
            try values.withUnsafeBytesTyped { (raw) throws(ParquetError) in try compressor.compress(raw, appendingTo: &body) }
            header = PageHeader(
                type: .dataPageV2, uncompressedPageSize: try size(levelBytes.count + values.count),
                compressedPageSize: try size(body.count),
                dataPageV2: DataPageHeaderV2(
                    numValues: Int32(rows), numNulls: Int32(nulls), numRows: Int32(rows), encoding: encoding,
                    definitionLevelsByteLength: Int32(levelBytes.count), repetitionLevelsByteLength: 0,
                    isCompressed: compressor.codec != .uncompressed))
        }
        return finish(&header, body: body, checksum: checksum)
    }

    static func dictionaryPage(
        values: [UInt8], count: Int, checksum: Bool, compressor: PageCompressor
    ) throws(ParquetError) -> BuiltPage {
        var body: [UInt8] = []
        try values.withUnsafeBytesTyped { (raw) throws(ParquetError) in try compressor.compress(raw, appendingTo: &body) }
        var header = PageHeader(
            type: .dictionaryPage, uncompressedPageSize: try size(values.count), compressedPageSize: try size(body.count),
            dictionaryPage: DictionaryPageHeader(numValues: Int32(count), encoding: .plain, isSorted: false))
        return finish(&header, body: body, checksum: checksum)
    }

    private static func finish(_ header: inout PageHeader, body: [UInt8], checksum: Bool) -> BuiltPage {
        if checksum { header.crc = body.withUnsafeBytes { CRC32.checksum($0) } }
        var w = ThriftCompactWriter(capacity: 64 + body.count)
        header.thriftEncoded(into: &w)
        let headerLength = w.bytes.count
        var bytes = w.bytes
        bytes.append(contentsOf: body)
        return BuiltPage(bytes: bytes, uncompressedLength: headerLength + Int(header.uncompressedPageSize))
    }

    private static func size(_ n: Int) throws(ParquetError) -> Int32 {
        guard let v = Int32(exactly: n) else {
            throw ParquetError(.invalidArgument, "a page of \(n) bytes exceeds Parquet's 2 GiB page limit; lower pageByteLimit")
        }
        return v
    }
}
