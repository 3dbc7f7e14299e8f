#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Parquet

/// Streams an NDJSON file of a known schema into a Parquet file.
///
/// Memory is bounded by one decode batch plus the writer's row group, whatever the input
/// size. The output appears only when complete: rows go to `OUT.tmp-PID`, which is renamed
/// over `OUT` after the footer is written, and removed if anything fails.
public struct NDJSONConverter: Sendable {
    public let schema: NDJSONSchema
    public var options: ConversionOptions

    public init(schema: NDJSONSchema, options: ConversionOptions = .init()) {
        self.schema = schema
        self.options = options
        for (name, encoding) in schema.recommendedEncodings where self.options.writer.columnEncodings[name] == nil {
            self.options.writer.columnEncodings[name] = encoding
        }
    }

    public func convert(input: String, output: String) throws -> ConversionSummary {
        let temporary = "\(output).tmp-\(getpid())"
        do {
            var summary = try convertUnchecked(input: input, output: temporary)
            guard rename(temporary, output) == 0 else {
                throw ParquetError(.io, "cannot rename the finished file into place: \(String(cString: strerror(errno)))", path: output)
            }
            summary.outputBytes = fileSize(output)
            return summary
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private func convertUnchecked(input: String, output: String) throws -> ConversionSummary {
        var writerOptions = options.writer
        writerOptions.threads = max(1, options.threads - 1)
        let writer = try ParquetWriter(path: output, schema: schema.parquetSchema, options: writerOptions)
        var summary = ConversionSummary()
        summary.inputBytes = fileSize(input)
        if options.threads <= 1 {
            try decode(input: input, summary: &summary) { batch in try writer.write(batch) }
        } else {
            // The decoder runs on its own thread; the writer consumes here. The queue holds
            // two batches, so the faster side waits instead of buffering the file.
            let queue = BatchQueue(capacity: 2)
            let decoded = DecodeOutcome()
            let decoderThread = DispatchQueue(label: "ndjson-decoder")
            let decoder = self
            decoderThread.async {
                var local = ConversionSummary()
                do {
                    try decoder.decode(input: input, summary: &local) { batch in
                        guard queue.put(batch) else { throw CancellationError() }
                    }
                    decoded.finish(.success(local))
                } catch {
                    decoded.finish(.failure(error))
                }
                queue.close()
            }
            do {
                while let batch = queue.take() { try writer.write(batch) }
            } catch {
                queue.cancel()
                _ = decoded.wait()
                throw error
            }
            let local = try decoded.wait().get()
            summary.linesRead = local.linesRead
            summary.skippedLines = local.skippedLines
            summary.firstSkipped = local.firstSkipped
        }
        let meta = try writer.close(sync: true)
        summary.rows = meta.numRows
        summary.rowGroups = meta.rowGroups.count
        return summary
    }

    /// Decodes every line, handing `batchRows`-row batches to `emit`.
    func decode(input: String, summary: inout ConversionSummary, emit: ([ColumnBatch]) throws -> Void) throws {
        var decoder = NDJSONBatchDecoder(schema: schema, batchCapacity: options.batchRows)
        let skip = options.skipBadLines
        let batchRows = options.batchRows
        var skipped = 0
        var firstSkipped: [NDJSONError] = []
        var lines = 0
        try NDJSONLineReader.forEachLine(path: input) { line, number in
            lines = number
            do throws(NDJSONError) {
                try decoder.decode(line: line, lineNumber: number)
            } catch {
                guard skip else { throw error }
                skipped += 1
                if firstSkipped.count < 10 { firstSkipped.append(error) }
            }
            if decoder.rowCount >= batchRows { try emit(decoder.takeBatch()) }
        }
        if decoder.rowCount > 0 { try emit(decoder.takeBatch()) }
        summary.linesRead = lines
        summary.skippedLines = skipped
        summary.firstSkipped = firstSkipped
    }
}

func fileSize(_ path: String) -> Int64 {
    var st = stat()
    return stat(path, &st) == 0 ? Int64(st.st_size) : 0
}
