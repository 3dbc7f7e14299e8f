/// Walks the pages of one column chunk, yielding one batch per data page.
///
/// The chunk's bytes are in memory (bounded by the chunk size from the footer, which was
/// checked against the file size); decoded values exist one page at a time.
public struct ColumnChunkReader {
    /// Levels a single page may announce. Far above what any writer produces (arrow caps
    /// pages at 20,000 rows by default) and low enough that a lying header cannot make us
    /// allocate gigabytes from a few bytes of RLE.
    static let maxLevelsPerPage = 1 << 26
    static let maxPageBytes = 1 << 30

    public let column: ColumnDescriptor
    public let meta: ColumnChunkMetaData
    let bytes: [UInt8]
    let fileOffset: Int64
    let rowGroup: Int
    let verifyChecksums: Bool
    let path: String?
    private var position = 0
    private var valuesRead: Int64 = 0
    private var pageIndex = 0
    private var dictionary: ColumnValues?
    private let decompressor: PageDecompressor
    /// Pages whose header carried a CRC that was checked, and pages without one.
    public private(set) var checkedPages = 0
    public private(set) var pagesWithoutChecksum = 0

    init(
        bytes: [UInt8], fileOffset: Int64, column: ColumnDescriptor, meta: ColumnChunkMetaData, rowGroup: Int,
        verifyChecksums: Bool, path: String?
    ) throws(ParquetError) {
        self.bytes = bytes
        self.fileOffset = fileOffset
        self.column = column
        self.meta = meta
        self.rowGroup = rowGroup
        self.verifyChecksums = verifyChecksums
        self.path = path
        do {
            decompressor = try PageDecompressor(codec: meta.codec)
        } catch {
            throw error.locating(.init(rowGroup: rowGroup, column: column.name), path: path)
        }
    }

    private func location(_ offset: Int) -> ParquetError.Location {
        .init(offset: fileOffset + Int64(offset), rowGroup: rowGroup, column: column.name, page: pageIndex)
    }

    /// The next data page's rows, or nil after the chunk's last value.
    public mutating func nextPage() throws(ParquetError) -> ColumnBatch? {
        while valuesRead < meta.numValues {
            let pageStart = position
            do {
                if let batch = try readPage() { return batch }
            } catch {
                throw error.locating(location(pageStart), path: path)
            }
        }
        return nil
    }

    /// Reads one page; returns nil for dictionary and index pages.
    private mutating func readPage() throws(ParquetError) -> ColumnBatch? {
        guard position < bytes.count else {
            throw ParquetError(.truncated, "the chunk ends after \(valuesRead) of its \(meta.numValues) values")
        }
        let (header, headerLength) = try bytes.withUnsafeBytesTyped { (raw) throws(ParquetError) in
            try PageHeader.parse(UnsafeRawBufferPointer(rebasing: raw[position...]), fileOffset: fileOffset + Int64(position))
        }
        let bodyStart = position + headerLength
        let bodyLength = Int(header.compressedPageSize)
        guard bodyLength <= bytes.count - bodyStart else {
            throw ParquetError(.truncated, "the page body of \(bodyLength) bytes runs past the chunk end (\(bytes.count - bodyStart) bytes left)")
        }
        guard Int(header.uncompressedPageSize) <= Self.maxPageBytes else {
            throw ParquetError(.corruptMetadata, "the page claims \(header.uncompressedPageSize) uncompressed bytes, over the 1 GiB limit")
        }
        position = bodyStart + bodyLength
        defer { pageIndex += 1 }
        return try bytes.withUnsafeBytesTyped { (raw) throws(ParquetError) -> ColumnBatch? in
            let body = UnsafeRawBufferPointer(rebasing: raw[bodyStart..<bodyStart + bodyLength])
            if let crc = header.crc {
                if verifyChecksums {
                    let actual = CRC32.checksum(body)
                    guard actual == crc else {
                        throw ParquetError(
                            .checksumMismatch,
                            "page CRC32 mismatch: the header says \(hex32(crc)) but the \(bodyLength) stored bytes give \(hex32(actual))")
                    }
                    checkedPages += 1
                }
            } else {
                pagesWithoutChecksum += 1
            }
            switch header.type {
            case .dictionaryPage:
                try readDictionary(header, body)
                return nil
            case .indexPage:
                return nil
            case .dataPage, .dataPageV2:
                return try readDataPage(header, body)
            }
        }
    }

    private mutating func readDictionary(_ header: PageHeader, _ body: UnsafeRawBufferPointer) throws(ParquetError) {
        guard let dict = header.dictionaryPage else { throw ParquetError(.corruptMetadata, "dictionary page without its header") }
        guard dictionary == nil, valuesRead == 0 else {
            throw ParquetError(.corruptPage, "a second dictionary page, or one after data pages")
        }
        guard dict.encoding == .plain || dict.encoding == .plainDictionary else {
            throw ParquetError(.unsupported, "dictionary page encoded as \(dict.encoding); only PLAIN is defined")
        }
        let plain = try decompress(body, size: Int(header.uncompressedPageSize), compressed: true)
        let count = Int(dict.numValues)
        dictionary = try plain.withUnsafeBytesTyped { (raw) throws(ParquetError) in
            try PlainEncoding.decode(raw, type: column.physicalType, typeLength: Int(column.typeLength ?? 0), count: count).0
        }
    }

    private func decompress(_ body: UnsafeRawBufferPointer, size: Int, compressed: Bool) throws(ParquetError) -> [UInt8] {
        if !compressed || meta.codec == .uncompressed { return Array(body) }
        if size == 0 && body.isEmpty { return [] }
        return try decompressor.decompress(body, uncompressedSize: size)
    }

    private mutating func readDataPage(_ header: PageHeader, _ body: UnsafeRawBufferPointer) throws(ParquetError) -> ColumnBatch {
        let levelCount: Int
        var validity: [Bool]?
        var valueBytes: [UInt8]
        let encoding: Encoding
        if let v1 = header.dataPage {
            levelCount = try checkedLevelCount(v1.numValues)
            encoding = v1.encoding
            let plain = try decompress(body, size: Int(header.uncompressedPageSize), compressed: true)
            var offset = 0
            if column.isOptional {
                guard v1.definitionLevelEncoding == .rle else {
                    throw ParquetError(.unsupported, "definition levels encoded as \(v1.definitionLevelEncoding); only RLE is supported")
                }
                (validity, offset) = try plain.withUnsafeBytesTyped { (raw) throws(ParquetError) in
                    var cursor = ByteCursor(raw)
                    let length = Int(try cursor.readUInt32LE())
                    let levels = try cursor.take(length)
                    return (try Self.decodeValidity(levels, count: levelCount), 4 + length)
                }
            }
            valueBytes = offset == 0 ? plain : Array(plain[offset...])
        } else if let v2 = header.dataPageV2 {
            levelCount = try checkedLevelCount(v2.numValues)
            encoding = v2.encoding
            let levelBytes = Int(v2.repetitionLevelsByteLength) + Int(v2.definitionLevelsByteLength)
            guard levelBytes <= body.count, levelBytes <= Int(header.uncompressedPageSize) else {
                throw ParquetError(.corruptPage, "V2 level sections (\(levelBytes) bytes) exceed the page (\(body.count) bytes)")
            }
            if column.isOptional {
                let start = Int(v2.repetitionLevelsByteLength)
                let levels = UnsafeRawBufferPointer(rebasing: body[start..<start + Int(v2.definitionLevelsByteLength)])
                validity = try Self.decodeValidity(levels, count: levelCount)
            }
            let section = UnsafeRawBufferPointer(rebasing: body[levelBytes...])
            valueBytes = try decompress(section, size: Int(header.uncompressedPageSize) - levelBytes, compressed: v2.isCompressed)
        } else {
            throw ParquetError(.corruptMetadata, "data page without its data page header")
        }
        let present = validity.map { $0.count { $0 } } ?? levelCount
        let values = try valueBytes.withUnsafeBytesTyped { (raw) throws(ParquetError) in
            try ValueDecoder(column: column, dictionary: dictionary).decode(raw, encoding: encoding, count: present)
        }
        valuesRead += Int64(levelCount)
        if validity?.allSatisfy({ $0 }) == true && !column.isOptional { validity = nil }
        return ColumnBatch(values, validity: validity)
    }

    private func checkedLevelCount(_ n: Int32) throws(ParquetError) -> Int {
        let left = meta.numValues - valuesRead
        guard n >= 0, Int64(n) <= left else {
            throw ParquetError(.corruptPage, "the page announces \(n) values but only \(left) remain in the chunk")
        }
        guard Int(n) <= Self.maxLevelsPerPage else {
            throw ParquetError(.unsupported, "the page announces \(n) values, over the \(Self.maxLevelsPerPage) this reader accepts per page")
        }
        return Int(n)
    }

    private static func decodeValidity(_ levels: UnsafeRawBufferPointer, count: Int) throws(ParquetError) -> [Bool] {
        let raw = try RLEHybrid.decode(levels, width: 1, count: count)
        return raw.map { $0 == 1 }
    }
}

func hex32(_ v: UInt32) -> String {
    let digits = String(v, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
}
