import Dispatch
import Synchronization

/// Writes a flat Parquet file as a stream of column batches.
///
/// Rows are buffered by column until a row group reaches `rowGroupRowLimit` rows or
/// `rowGroupByteLimit` bytes; then every column chunk is encoded (on `threads` threads),
/// written, and forgotten. Memory is therefore bounded by one row group plus its encoded
/// form, whatever the file's size. `close()` writes the footer; a writer that is not
/// closed leaves an incomplete file, so callers write to a temporary name and rename.
public final class ParquetWriter {
    public let schema: ParquetSchema
    public let options: ParquetWriterOptions
    private let output: any ParquetOutput
    private var buffers: [ColumnBuffer]
    private var rowGroups: [RowGroupMetaData] = []
    private var totalRows: Int64 = 0
    private var closed = false
    private let compressor: PageCompressor

    /// Opens `output` and writes the leading magic.
    public init(output: any ParquetOutput, schema: ParquetSchema, options: ParquetWriterOptions = .init()) throws(ParquetError) {
        try schema.validate()
        try options.validate(schema: schema)
        self.schema = schema
        self.options = options
        self.output = output
        buffers = schema.columns.map { _ in ColumnBuffer(joinBelowRows: options.pageRowLimit) }
        compressor = try PageCompressor(codec: options.codec, level: options.compressionLevel)
        try Self.magic.withUnsafeBytesTyped { (raw) throws(ParquetError) in try output.write(raw) }
    }

    /// Creates (or truncates) the file at `path` and writes to it.
    public convenience init(path: String, schema: ParquetSchema, options: ParquetWriterOptions = .init()) throws(ParquetError) {
        try self.init(output: try FileOutput(path: path, permissions: options.filePermissions), schema: schema, options: options)
    }

    static let magic: [UInt8] = Array("PAR1".utf8)

    /// Rows written so far, flushed or buffered.
    public private(set) var rowCount: Int64 = 0

    /// Appends rows: one batch per schema column, all with the same row count.
    public func write(_ batch: [ColumnBatch]) throws(ParquetError) {
        guard !closed else { throw ParquetError(.invalidArgument, "write after close") }
        try check(batch)
        let rows = batch.first?.rowCount ?? 0
        var start = 0
        while start < rows {
            let room = options.rowGroupRowLimit - buffers[0].rowCount
            let end = min(rows, start + room)
            let piece = start == 0 && end == rows ? batch : batch.map { $0.slice(rows: start..<end) }
            for (i, columnBatch) in piece.enumerated() { buffers[i].append(columnBatch) }
            rowCount += Int64(end - start)
            start = end
            if buffers[0].rowCount >= options.rowGroupRowLimit || bufferedBytes >= options.rowGroupByteLimit {
                try flushRowGroup()
            }
        }
    }

    private var bufferedBytes: Int { buffers.reduce(0) { $0 + $1.byteSize } }

    private func check(_ batch: [ColumnBatch]) throws(ParquetError) {
        guard batch.count == schema.columns.count else {
            throw ParquetError(.schemaMismatch, "a batch has \(batch.count) columns but the schema has \(schema.columns.count)")
        }
        let rows = batch.first?.rowCount ?? 0
        for (column, b) in zip(schema.columns, batch) {
            func bad(_ m: String) -> ParquetError {
                ParquetError(.schemaMismatch, "column '\(column.name)': \(m)", at: .init(column: column.name))
            }
            guard b.values.physicalType == column.physicalType else {
                throw bad("got \(b.values.physicalType) values for a \(column.physicalType) column")
            }
            guard b.rowCount == rows else { throw bad("\(b.rowCount) rows where the first column has \(rows)") }
            let present = b.validity.map { $0.count { $0 } } ?? b.values.count
            guard present == b.values.count else {
                throw bad("validity marks \(present) rows present but \(b.values.count) values were given")
            }
            if !column.isOptional && present != rows {
                throw bad("\(rows - present) nulls in a REQUIRED column; declare it OPTIONAL")
            }
            if column.physicalType == .fixedLenByteArray, case .fixedLenByteArray(let c) = b.values {
                let width = Int(column.typeLength ?? 0)
                for i in 0..<c.count where c.length(at: i) != width {
                    throw bad("value \(i) has \(c.length(at: i)) bytes; FIXED_LEN_BYTE_ARRAY(\(width)) needs exactly \(width)")
                }
            }
        }
    }

    /// Encodes and writes the buffered rows as one row group.
    public func flushRowGroup() throws(ParquetError) {
        let rows = buffers[0].rowCount
        guard rows > 0 else { return }
        let taken = buffers.indices.map { buffers[$0].take() }
        let chunks = try encodeChunks(taken, rows: rows)
        let groupStart = output.position
        var columns: [ColumnChunkMetaData] = []
        var totalUncompressed: Int64 = 0
        for (i, chunk) in chunks.enumerated() {
            let start = output.position
            try chunk.bytes.withUnsafeBytesTyped { (raw) throws(ParquetError) in try output.write(raw) }
            let column = schema.columns[i]
            columns.append(ColumnChunkMetaData(
                physicalType: column.physicalType, encodings: chunk.encodings, pathInSchema: [column.name],
                codec: options.codec, numValues: Int64(chunk.numValues),
                totalUncompressedSize: Int64(chunk.totalUncompressedSize), totalCompressedSize: Int64(chunk.bytes.count),
                dataPageOffset: start + Int64(chunk.dictionaryPageLength),
                dictionaryPageOffset: chunk.dictionaryPageLength > 0 ? start : nil,
                statistics: chunk.statistics, encodingStats: chunk.encodingStats))
            totalUncompressed += Int64(chunk.totalUncompressedSize)
        }
        rowGroups.append(RowGroupMetaData(
            columns: columns, totalByteSize: totalUncompressed, numRows: Int64(rows),
            sortingColumns: options.sortingColumns, fileOffset: groupStart,
            totalCompressedSize: output.position - groupStart, ordinal: Int16(truncatingIfNeeded: rowGroups.count)))
        totalRows += Int64(rows)
    }

    private func encodeChunks(_ taken: [[ColumnBatch]], rows: Int) throws(ParquetError) -> [EncodedChunk] {
        let columns = schema.columns
        let options = self.options
        if options.threads == 1 || columns.count == 1 {
            var chunks: [EncodedChunk] = []
            for (i, segments) in taken.enumerated() {
                let encoder = ColumnChunkEncoder(column: columns[i], options: options)
                do {
                    chunks.append(try encoder.encode(segments, rowCount: rows, compressor: compressor))
                } catch {
                    throw error.locating(.init(rowGroup: rowGroups.count, column: columns[i].name))
                }
            }
            return chunks
        }
        // Each worker owns a compressor and takes every `workers`-th column.
        let workers = min(options.threads, columns.count)
        let results = ChunkSlots(count: columns.count)
        let group = rowGroups.count
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            do throws(ParquetError) {
                let compressor = try PageCompressor(codec: options.codec, level: options.compressionLevel)
                for i in stride(from: worker, to: columns.count, by: workers) {
                    let encoder = ColumnChunkEncoder(column: columns[i], options: options)
                    do throws(ParquetError) {
                        results.set(i, .success(try encoder.encode(taken[i], rowCount: rows, compressor: compressor)))
                    } catch {
                        results.set(i, .failure(error.locating(.init(rowGroup: group, column: columns[i].name))))
                    }
                }
            } catch {
                for i in stride(from: worker, to: columns.count, by: workers) { results.set(i, .failure(error)) }
            }
        }
        var chunks: [EncodedChunk] = []
        for result in results.take() {
            switch result {
            case .success(let chunk): chunks.append(chunk)
            case .failure(let error): throw error
            case nil: throw ParquetError(.invalidArgument, "a column chunk was not encoded")
            }
        }
        return chunks
    }

    /// Flushes the last row group and writes the footer. `sync` fsyncs the file first.
    /// `extraMetadata` joins the options' key-value metadata: values known only at the end.
    /// - Returns: the footer that was written.
    @discardableResult
    public func close(sync: Bool = false, extraMetadata: [KeyValue] = []) throws(ParquetError) -> FileMetaData {
        guard !closed else { throw ParquetError(.invalidArgument, "close called twice") }
        try flushRowGroup()
        closed = true
        let meta = FileMetaData(
            version: 1, schema: schema, numRows: totalRows, rowGroups: rowGroups,
            keyValueMetadata: options.keyValueMetadata + extraMetadata, createdBy: options.createdBy)
        var footer = meta.thriftEncoded()
        footer.appendLittleEndian(UInt32(footer.count))
        footer.append(contentsOf: Self.magic)
        try footer.withUnsafeBytesTyped { (raw) throws(ParquetError) in try output.write(raw) }
        try output.finish(sync: sync)
        return meta
    }
}

/// Result slots written by concurrent workers, one index per column chunk.
private final class ChunkSlots: Sendable {
    private let slots: Mutex<[Result<EncodedChunk, ParquetError>?]>
    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }
    func set(_ i: Int, _ r: Result<EncodedChunk, ParquetError>) { slots.withLock { $0[i] = r } }
    func take() -> [Result<EncodedChunk, ParquetError>?] { slots.withLock { $0 } }
}
