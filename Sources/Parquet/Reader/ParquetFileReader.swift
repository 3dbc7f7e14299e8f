/// Reads a flat Parquet file: footer, schema, statistics and column values.
///
/// Every size and offset in the file is checked before it is used, so a corrupt or
/// truncated file produces a `ParquetError` naming what is wrong and where, never a crash,
/// a hang or an outsized allocation. Values come a page or a column chunk at a time.
public final class ParquetFileReader {
    public let metadata: FileMetaData
    public let path: String?
    let input: any ParquetInput
    /// First byte after the last column chunk may be: where the footer starts.
    let footerStart: Int64

    public init(input: any ParquetInput, path: String? = nil) throws(ParquetError) {
        self.input = input
        self.path = path
        let size = input.size
        guard size >= 12 else {
            throw ParquetError(.truncated, "the file has \(size) bytes; a Parquet file needs at least 12 (magic, footer length, magic)", path: path)
        }
        let head = try input.read(at: 0, count: 4)
        let tail = try input.read(at: size - 8, count: 8)
        if Array(tail[4..<8]) == Array("PARE".utf8) {
            throw ParquetError(.unsupported, "the footer is encrypted (PARE); encrypted files are not supported", path: path)
        }
        guard head == ParquetWriter.magic, Array(tail[4..<8]) == ParquetWriter.magic else {
            let which = head == ParquetWriter.magic ? "trailing" : "leading"
            let code: ParquetError.Code = head == ParquetWriter.magic ? .truncated : .notParquet
            throw ParquetError(code, "the \(which) PAR1 magic is missing; the file is not Parquet or is truncated",
                               at: .init(offset: head == ParquetWriter.magic ? size - 4 : 0), path: path)
        }
        let footerLength = Int64(UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24)
        guard footerLength > 0, footerLength <= size - 12 else {
            throw ParquetError(.truncated, "the footer length \(footerLength) does not fit a \(size)-byte file",
                               at: .init(offset: size - 8), path: path)
        }
        footerStart = size - 8 - footerLength
        let footer = try input.read(at: footerStart, count: Int(footerLength))
        do {
            metadata = try footer.withUnsafeBytesTyped { (raw) throws(ParquetError) in try FileMetaData.parse(raw, fileOffset: size - 8 - footerLength) }
        } catch {
            throw error.locating(.init(), path: path)
        }
        try checkLayout()
    }

    public convenience init(path: String) throws(ParquetError) {
        try self.init(input: try FileInput(path: path), path: path)
    }

    public var schema: ParquetSchema { metadata.schema }

    /// Row counts and chunk ranges must agree with each other and with the file size.
    private func checkLayout() throws(ParquetError) {
        var rows: Int64 = 0
        for (g, group) in metadata.rowGroups.enumerated() {
            let (sum, overflow) = rows.addingReportingOverflow(group.numRows)
            guard !overflow else { throw fail(.corruptMetadata, "row counts overflow", .init(rowGroup: g)) }
            rows = sum
            guard group.numRows > 0 else { continue }  // pyarrow writes empty groups with offset 0
            for (c, chunk) in group.columns.enumerated() {
                let name = schema.columns[c].name
                let here = ParquetError.Location(rowGroup: g, column: name)
                guard chunk.physicalType == schema.columns[c].physicalType else {
                    throw fail(.corruptMetadata, "chunk type \(chunk.physicalType) differs from the schema's \(schema.columns[c].physicalType)", here)
                }
                guard chunk.numValues == group.numRows else {
                    throw fail(.corruptMetadata, "chunk holds \(chunk.numValues) values but the row group has \(group.numRows) rows", here)
                }
                let start = chunk.chunkStart
                let (end, overflow) = start.addingReportingOverflow(chunk.totalCompressedSize)
                guard start >= 4, !overflow, end <= footerStart else {
                    throw fail(.corruptMetadata, "chunk bytes \(start)..<\(end) lie outside the data area 4..<\(footerStart)", here)
                }
            }
        }
        guard rows == metadata.numRows else {
            throw fail(.corruptMetadata, "the footer says \(metadata.numRows) rows but the row groups hold \(rows)", .init())
        }
    }

    func fail(_ code: ParquetError.Code, _ message: String, _ location: ParquetError.Location) -> ParquetError {
        ParquetError(code, message, at: location, path: path)
    }

    /// A page-by-page reader over one column chunk.
    public func columnChunk(rowGroup: Int, column: Int, verifyChecksums: Bool = false) throws(ParquetError) -> ColumnChunkReader {
        guard metadata.rowGroups.indices.contains(rowGroup), schema.columns.indices.contains(column) else {
            throw ParquetError(.invalidArgument, "no row group \(rowGroup) / column \(column) in this file", path: path)
        }
        let meta = metadata.rowGroups[rowGroup].columns[column]
        let descriptor = schema.columns[column]
        let bytes: [UInt8]
        if metadata.rowGroups[rowGroup].numRows == 0 {
            bytes = []
        } else {
            bytes = try input.read(at: meta.chunkStart, count: Int(meta.totalCompressedSize))
        }
        return try ColumnChunkReader(
            bytes: bytes, fileOffset: meta.chunkStart, column: descriptor, meta: meta,
            rowGroup: rowGroup, verifyChecksums: verifyChecksums, path: path)
    }

    /// The whole column chunk as one batch.
    public func readColumn(rowGroup: Int, column: Int, verifyChecksums: Bool = false) throws(ParquetError) -> ColumnBatch {
        var reader = try columnChunk(rowGroup: rowGroup, column: column, verifyChecksums: verifyChecksums)
        var values = ColumnValues.empty(schema.columns[column].physicalType)
        var validity: [Bool]? = schema.columns[column].isOptional ? [] : nil
        while let page = try reader.nextPage() {
            values = values.appending(page.values)
            if validity != nil { validity!.append(contentsOf: page.validity ?? Array(repeating: true, count: page.rowCount)) }
        }
        return ColumnBatch(values, validity: validity)
    }

    /// Every column of a row group, one batch each.
    public func readRowGroup(_ index: Int, verifyChecksums: Bool = false) throws(ParquetError) -> [ColumnBatch] {
        var result: [ColumnBatch] = []
        for c in schema.columns.indices {
            result.append(try readColumn(rowGroup: index, column: c, verifyChecksums: verifyChecksums))
        }
        return result
    }
}
