#if canImport(Glibc)
import Glibc
#endif
import Dispatch
public import Parquet

/// Streams an NDJSON file of a known schema into a Parquet file.
///
/// Memory is bounded by one decode batch plus the writer's row group, whatever the input
/// size. The output appears only when complete: rows go to a file without a name (see
/// `IncomingFile`), linked in place as `OUT` after the footer is written.
public struct NDJSONConverter: Sendable {
    public let schema: NDJSONSchema
    public var options: ConversionOptions

    public init(schema: NDJSONSchema, options: ConversionOptions = .init()) {
        self.schema = schema
        self.options = options
        let recommended = options.shaping?.encodings ?? schema.recommendedEncodings
        for (name, encoding) in recommended where self.options.writer.columnEncodings[name] == nil {
            self.options.writer.columnEncodings[name] = encoding
        }
    }

    public func convert(input: String, output: String) throws -> ConversionSummary {
        try convert(inputs: [input], output: output)
    }

    /// Streams `inputs`, one after another, into one file at `output`.
    public func convert(inputs: [String], output: String) throws -> ConversionSummary {
        let incoming = IncomingFile(final: output, permissions: options.writer.filePermissions)
        defer { incoming.close() }
        var summary = try convert(inputs: inputs, writingTo: incoming.path)
        try incoming.commit()
        summary.outputBytes = fileSize(output)
        return summary
    }

    /// Streams `inputs` into a new file at exactly `path` (no rename; the caller verifies and
    /// commits it). The file is fsynced before this returns.
    public func convert(inputs: [String], writingTo path: String) throws -> ConversionSummary {
        try convert(files: InputFiles(inputs), writingTo: path, namesFiles: inputs.count > 1)
    }

    /// Streams `files`, in order, into a new file at `path`, waiting for each as it comes, so
    /// conversion can run while later inputs are still being produced. `finalMetadata` is
    /// asked once every input is read, for footer values known only then. `namesFiles` puts
    /// the file's path in line errors.
    public func convert(files: InputFiles, writingTo path: String, namesFiles: Bool = true,
                        finalMetadata: () -> [KeyValue] = { [] }) throws -> ConversionSummary {
        var writerOptions = options.writer
        writerOptions.threads = max(1, options.threads - 1)
        let writer = try ParquetWriter(path: path, schema: options.shaping?.schema ?? schema.parquetSchema, options: writerOptions)
        var summary = ConversionSummary()
        let shape = options.shaping?.transform
        if options.threads <= 1 {
            try decode(files: files, namesFiles: namesFiles, summary: &summary) { batch in try writer.write(shape?(batch) ?? batch) }
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
                    try decoder.decode(files: files, namesFiles: namesFiles, summary: &local) { batch in
                        guard queue.put(batch) else { throw CancellationError() }
                    }
                    decoded.finish(.success(local))
                } catch {
                    decoded.finish(.failure(error))
                }
                queue.close()
            }
            do {
                while let batch = queue.take() { try writer.write(shape?(batch) ?? batch) }
            } catch {
                queue.cancel()
                // The decoder may be waiting for a file that will now never be read.
                files.abandon()
                _ = decoded.wait()
                throw error
            }
            let local = try decoded.wait().get()
            summary.linesRead = local.linesRead
            summary.skippedLines = local.skippedLines
            summary.firstSkipped = local.firstSkipped
            summary.inputBytes = local.inputBytes
        }
        let meta = try writer.close(sync: true, extraMetadata: finalMetadata())
        summary.rows = meta.numRows
        summary.rowGroups = meta.rowGroups.count
        return summary
    }

    /// Decodes every line of every input, handing `batchRows`-row batches to `emit`.
    func decode(files: InputFiles, namesFiles: Bool, summary: inout ConversionSummary,
                emit: ([ColumnBatch]) throws -> Void) throws {
        var decoder = NDJSONBatchDecoder(schema: schema, unknownKeys: options.unknownKeys, batchCapacity: options.batchRows)
        let skip = options.skipBadLines
        let batchRows = options.batchRows
        var skipped = 0
        var firstSkipped: [NDJSONError] = []
        var lines = 0
        while let input = try files.next() {
            CrashPoint.converting.reach()
            summary.inputBytes += fileSize(input)
            do {
                try NDJSONLineReader.forEachLine(path: input) { line, number in
                    lines += 1
                    do throws(NDJSONError) {
                        try decoder.decode(line: line, lineNumber: number)
                    } catch {
                        guard skip else { throw error }
                        skipped += 1
                        var named = error
                        if namesFiles { named.path = input }
                        if firstSkipped.count < 10 { firstSkipped.append(named) }
                    }
                    if decoder.rowCount >= batchRows { try emit(decoder.takeBatch()) }
                }
            } catch var error as NDJSONError where namesFiles {
                error.path = input
                throw error
            }
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
