public import NIOCore

/// Decodes a response body of any format into batches of normalised rows, fed in chunks as
/// they arrive. Memory stays bounded by one batch plus one partial record, whatever the body.
///
///     var decoder = BodyDecoder(dataset: .greeks, format: .v3CSV)
///     for try await chunk in body { try decoder.feed(chunk); consume(decoder.takeBatches()) }
///     try decoder.finish(); consume(decoder.takeBatches())
public struct BodyDecoder {
    public let format: BodyFormat
    // One of the three is set; optional chaining mutates it in place, without copies.
    private var csv: CSVRowDecoder?
    private var ndjson: NDJSONRowDecoder?
    private var json: V2JSONRowDecoder?

    /// - Parameter batchSize: rows per batch handed on.
    public init(dataset: Dataset, format: BodyFormat, batchSize: Int = 8192) {
        self.format = format
        let assembler = RowAssembler(dataset: dataset, version: format.apiVersion, batchSize: batchSize)
        switch format {
        case .v3CSV, .v2CSV: csv = CSVRowDecoder(assembler: assembler)
        case .v3NDJSON: ndjson = NDJSONRowDecoder(assembler: assembler)
        case .v2JSON: json = V2JSONRowDecoder(assembler: assembler)
        }
    }

    public mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(BodyDecodingError) {
        csv?.feed(bytes)
        ndjson?.feed(bytes)
        try json?.feed(bytes)
    }

    public mutating func feed(_ buffer: ByteBuffer) throws(BodyDecodingError) {
        var result: Result<Void, BodyDecodingError> = .success(())
        buffer.withUnsafeReadableBytes { bytes in
            do throws(BodyDecodingError) { try feed(bytes) } catch { result = .failure(error) }
        }
        try result.get()
    }

    /// Ends the body: decodes a last line without a line end and hands on the last rows.
    public mutating func finish() throws(BodyDecodingError) {
        csv?.finish()
        ndjson?.finish()
        try json?.finish()
    }

    /// The batches completed so far, leaving none behind.
    public mutating func takeBatches() -> [OptionRowBatch] {
        if csv != nil { return csv!.assembler.takeCompleted() }
        if ndjson != nil { return ndjson!.assembler.takeCompleted() }
        return json!.assembler.takeCompleted()
    }

    /// Rows, dropped rows and warnings so far.
    public var report: DecodeReport {
        csv?.assembler.report ?? ndjson?.assembler.report ?? json!.assembler.report
    }

    /// The header of a v2 JSON body, once read: pagination and in-body errors.
    public var v2Header: V2Header? { json?.header }
}

extension BodyDecoder {
    /// Decodes a whole body held in memory (a file's bytes, a test fixture), handing each batch
    /// to `body` as it completes; for benchmarks and tools.
    public static func decode(
        _ bytes: UnsafeRawBufferPointer, dataset: Dataset, format: BodyFormat, chunkSize: Int = 64 * 1024,
        _ body: (OptionRowBatch) -> Void
    ) throws(BodyDecodingError) -> DecodeReport {
        var decoder = BodyDecoder(dataset: dataset, format: format)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            try decoder.feed(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            decoder.takeBatches().forEach(body)
            start = end
        }
        try decoder.finish()
        decoder.takeBatches().forEach(body)
        return decoder.report
    }
}
