public import Parquet

/// How `NDJSONConverter` turns a staging file into Parquet.
public struct ConversionOptions: Sendable {
    /// Rows decoded before they are handed to the writer: three full pages. The writer keeps
    /// batches as they come and never lets a page span two, so a batch that is not a multiple
    /// of the page size leaves a short page behind (65,536 rows made the file 0.6% larger).
    public static let defaultBatchRows = 3 * ParquetWriterOptions.defaultPageRows
    /// Row groups of 512 Ki rows: measured on 3 M greeks rows, halving them to 256 Ki made the
    /// file 2% larger (each group restarts its dictionaries) and doubling them to 1 Mi saved
    /// 2% more but raised peak memory from ~130 MB to ~220 MB. A day still splits into
    /// enough groups for readers to prune by expiration and strike.
    public static let defaultRowGroupRows = 524_288

    /// Threads: 1 decodes and writes in turn; 2 or more overlap decoding with encoding and
    /// give the writer `threads - 1` threads for its column chunks.
    public var threads = 1
    /// Skip malformed lines and count them instead of failing on the first one.
    public var skipBadLines = false
    /// A key the schema does not name: ignored (files from elsewhere), or an error (the
    /// pipeline's own staging, where it means the file was written for other columns).
    public var unknownKeys = NDJSONBatchDecoder.UnknownKeyPolicy.ignore
    public var batchRows = defaultBatchRows
    public var writer: ParquetWriterOptions
    /// Turns each decoded batch into the file's columns; nil writes the staging columns as they are.
    public var shaping: BatchShaping?

    public init() {
        writer = ParquetWriterOptions()
        writer.rowGroupRowLimit = Self.defaultRowGroupRows
    }
}

/// What a conversion did.
public struct ConversionSummary: Sendable {
    public var rows: Int64 = 0
    public var linesRead = 0
    /// Malformed lines skipped (with `skipBadLines`), and the first few of their errors.
    public var skippedLines = 0
    public var firstSkipped: [NDJSONError] = []
    public var inputBytes: Int64 = 0
    public var outputBytes: Int64 = 0
    public var rowGroups = 0
}

/// The columns a file is written with when they differ from the staging file's: typed dates,
/// a derived timestamp. `transform` gets one batch per staging column and returns one per
/// column of `schema`, with the same row count.
public struct BatchShaping: Sendable {
    public var schema: ParquetSchema
    public var encodings: [String: ColumnEncoding]
    public var transform: @Sendable ([ColumnBatch]) -> [ColumnBatch]

    public init(schema: ParquetSchema, encodings: [String: ColumnEncoding] = [:],
                transform: @escaping @Sendable ([ColumnBatch]) -> [ColumnBatch]) {
        self.schema = schema
        self.encodings = encodings
        self.transform = transform
    }
}
