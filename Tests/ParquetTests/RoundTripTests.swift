import Testing
import TestSupport
@testable import Parquet

@Suite("writer → reader round trips")
struct RoundTripTests {
    static let codecs: [CompressionCodec] = [.uncompressed, .snappy, .gzip, .zstd]

    @Test("random tables round-trip exactly", arguments: codecs, [DataPageVersion.v1, .v2])
    func randomTables(codec: CompressionCodec, version: DataPageVersion) throws {
        for seed in UInt64(0)..<25 {
            let table = RandomTable.make(seed: seed &* 7919 &+ UInt64(codec.rawValue))
            var options = ParquetWriterOptions()
            options.codec = codec
            options.pageVersion = version
            options.rowGroupRowLimit = [64, 1000, 1 << 20][Int(seed % 3)]
            options.pageRowLimit = [7, 100, 20_000][Int(seed / 3 % 3)]
            options.dictionaryByteLimit = [64, 1 << 20][Int(seed % 2)]
            let bytes = try writeToMemory(table, options: options)
            let back = try readAll(bytes)
            for (c, column) in table.schema.columns.enumerated() {
                #expect(bitwiseEqual(back[c].values, table.batches[c].values), "seed \(seed) column \(column.name) values")
                #expect(presence(back[c]) == presence(table.batches[c]), "seed \(seed) column \(column.name) nulls")
            }
        }
    }

    @Test("every encoding choice round-trips", arguments: [
        ColumnEncoding.direct(.plain), .direct(.deltaBinaryPacked), .direct(.byteStreamSplit),
        .dictionary(fallback: .plain), .dictionary(fallback: .deltaBinaryPacked), .dictionary(fallback: .byteStreamSplit),
    ])
    func encodings(encoding: ColumnEncoding) throws {
        for seed in UInt64(100)..<140 {
            let table = RandomTable.make(seed: seed, rows: 3000)
            var options = ParquetWriterOptions()
            options.pageRowLimit = 500
            options.dictionaryByteLimit = 2000
            for column in table.schema.columns where Self.accepts(encoding, column, table.schema) {
                options.columnEncodings[column.name] = encoding
            }
            let back = try readAll(try writeToMemory(table, options: options))
            for c in table.schema.columns.indices {
                #expect(bitwiseEqual(back[c].values, table.batches[c].values), "seed \(seed) column \(c) with \(encoding)")
                #expect(presence(back[c]) == presence(table.batches[c]))
            }
        }
    }

    /// Whether the writer allows `encoding` on `column` (BOOLEAN takes no dictionary, and so on).
    static func accepts(_ encoding: ColumnEncoding, _ column: ColumnDescriptor, _ schema: ParquetSchema) -> Bool {
        var probe = ParquetWriterOptions()
        probe.columnEncodings = [column.name: encoding]
        do {
            try probe.validate(schema: schema)
            return true
        } catch {
            return false
        }
    }

    @Test("row groups split at the row limit and the footer counts them")
    func rowGroupSplitting() throws {
        let table = RandomTable.make(seed: 42, rows: 5000, columns: 3)
        var options = ParquetWriterOptions()
        options.rowGroupRowLimit = 1234
        let bytes = try writeToMemory(table, options: options)
        let reader = try ParquetFileReader(input: MemoryInput(bytes))
        #expect(reader.metadata.rowGroups.map(\.numRows) == [1234, 1234, 1234, 1234, 64])
        #expect(reader.metadata.numRows == 5000)
    }

    @Test("a dictionary that outgrows its limit falls back to the fallback encoding mid-chunk")
    func dictionaryFallback() throws {
        let strings = (0..<10_000).map { "value-\($0 * 7919 % 10_007)" }
        let schema = ParquetSchema([ColumnDescriptor("s", .byteArray, logicalType: .string)])
        var options = ParquetWriterOptions()
        options.pageRowLimit = 1000
        options.dictionaryByteLimit = 16 * 1024
        let output = MemoryOutput()
        let writer = try ParquetWriter(output: output, schema: schema, options: options)
        try writer.write([ColumnBatch(.byteArray(ByteArrayColumn(strings: strings)))])
        try writer.close()
        let reader = try ParquetFileReader(input: MemoryInput(output.bytes))
        let chunk = reader.metadata.rowGroups[0].columns[0]
        #expect(chunk.encodings.contains(.rleDictionary))
        #expect(chunk.encodings.contains(.plain))
        let dictPages = chunk.encodingStats.first { $0.encoding == .rleDictionary }?.count ?? 0
        let plainPages = chunk.encodingStats.first { $0.pageType == .dataPage && $0.encoding == .plain }?.count ?? 0
        #expect(dictPages >= 1 && plainPages >= 1 && dictPages + plainPages == 10)
        let back = try reader.readColumn(rowGroup: 0, column: 0, verifyChecksums: true)
        #expect(back.values == .byteArray(ByteArrayColumn(strings: strings)))
    }

    @Test("a dictionary is dropped once most values are new, and kept while they repeat",
          arguments: [(distinctPercent: 85, keepsDictionary: false), (60, true), (5, true)])
    func distinctRatioFallback(distinctPercent: Int, keepsDictionary: Bool) throws {
        // Values whose low mantissa bits are all zero (short binary fractions) as well as
        // decimals, so that the lookups are exercised with keys a weak hash would bunch up.
        var random = SeededRandom(seed: UInt64(distinctPercent))
        var values: [Double] = []
        var fresh = 0.0
        for _ in 0..<20_000 {
            if values.isEmpty || Int(random.next() % 100) < distinctPercent {
                fresh += random.next() % 2 == 0 ? 0.5 : 0.0001
                values.append(fresh)
            } else {
                values.append(values[Int(random.next() % UInt64(values.count))])
            }
        }
        let schema = ParquetSchema([ColumnDescriptor("greek", .double)])
        var options = ParquetWriterOptions()
        options.pageRowLimit = 2000
        let output = MemoryOutput()
        let writer = try ParquetWriter(output: output, schema: schema, options: options)
        try writer.write([ColumnBatch(.double(values))])
        try writer.close()
        let reader = try ParquetFileReader(input: MemoryInput(output.bytes))
        let stats = reader.metadata.rowGroups[0].columns[0].encodingStats
        let plainPages = stats.first { $0.pageType == .dataPage && $0.encoding == .plain }?.count ?? 0
        let dictionaryPages = stats.first { $0.encoding == .rleDictionary }?.count ?? 0
        #expect(dictionaryPages + plainPages == 10)
        #expect(keepsDictionary ? plainPages == 0 : plainPages >= 7, "\(stats)")
        let back = try reader.readColumn(rowGroup: 0, column: 0, verifyChecksums: true)
        #expect(bitwiseEqual(back.values, .double(values)))
    }

    @Test("key-value metadata and created_by survive")
    func metadata() throws {
        let table = RandomTable.make(seed: 9, rows: 10, columns: 2)
        var options = ParquetWriterOptions()
        options.keyValueMetadata = [KeyValue("symbol", "SPX"), KeyValue("empty", ""), KeyValue("none", nil)]
        let reader = try ParquetFileReader(input: MemoryInput(try writeToMemory(table, options: options)))
        #expect(reader.metadata.keyValueMetadata == options.keyValueMetadata)
        #expect(reader.metadata.createdBy == ParquetWriterOptions.defaultCreatedBy)
        #expect(reader.metadata.hasTypeDefinedColumnOrders)
    }

    @Test("an empty file has a schema and no row groups")
    func emptyFile() throws {
        let table = RandomTable.make(seed: 3, rows: 0, columns: 4)
        let reader = try ParquetFileReader(input: MemoryInput(try writeToMemory(table, options: .init())))
        #expect(reader.metadata.numRows == 0)
        #expect(reader.metadata.rowGroups.isEmpty)
        #expect(reader.schema == table.schema)
    }

    @Test("the schema and logical types round-trip", arguments: [
        ColumnDescriptor("s", .byteArray, .optional, logicalType: .string),
        ColumnDescriptor("d", .int32, logicalType: .date),
        ColumnDescriptor("t1", .int64, logicalType: .timestamp(isAdjustedToUTC: true, unit: .millis)),
        ColumnDescriptor("t2", .int64, logicalType: .timestamp(isAdjustedToUTC: false, unit: .micros)),
        ColumnDescriptor("t3", .int64, logicalType: .timestamp(isAdjustedToUTC: true, unit: .nanos)),
        ColumnDescriptor("i8", .int32, logicalType: .integer(bitWidth: 8, isSigned: true)),
        ColumnDescriptor("u16", .int32, logicalType: .integer(bitWidth: 16, isSigned: false)),
        ColumnDescriptor("u64", .int64, logicalType: .integer(bitWidth: 64, isSigned: false)),
        ColumnDescriptor("dec", .int64, logicalType: .decimal(precision: 18, scale: 4)),
        ColumnDescriptor("decf", .fixedLenByteArray, logicalType: .decimal(precision: 20, scale: 2), typeLength: 9),
        ColumnDescriptor("raw", .byteArray),
    ])
    func schemaRoundTrip(column: ColumnDescriptor) throws {
        let output = MemoryOutput()
        let writer = try ParquetWriter(output: output, schema: ParquetSchema([column]))
        try writer.close()
        let reader = try ParquetFileReader(input: MemoryInput(output.bytes))
        #expect(reader.schema.columns == [column])
    }
}
