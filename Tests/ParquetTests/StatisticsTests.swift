import Testing
@testable import Parquet

@Suite("chunk statistics")
struct StatisticsTests {
    func stats(_ values: ColumnValues, _ column: ColumnDescriptor, nulls: Int = 0) -> Statistics {
        StatisticsBuilder.compute(values, nullCount: nulls, column: column)
    }

    func le<T>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v) { Array($0) } }

    @Test("signed and unsigned integers order differently")
    func integerOrder() {
        let values = ColumnValues.int32([-1, 5, 0])
        let signed = stats(values, ColumnDescriptor("a", .int32))
        #expect(signed.minValue == le(Int32(-1)) && signed.maxValue == le(Int32(5)))
        let unsigned = stats(values, ColumnDescriptor("a", .int32, logicalType: .integer(bitWidth: 32, isSigned: false)))
        #expect(unsigned.minValue == le(UInt32(0)) && unsigned.maxValue == le(UInt32.max))
    }

    @Test("floats leave NaN out and write signed zeros as the format asks")
    func floats() {
        let s = stats(.double([.nan, 0.0, -0.0, 3.5, .nan]), ColumnDescriptor("d", .double))
        #expect(s.minValue == le((-0.0).bitPattern) && s.maxValue == le(3.5.bitPattern))
        #expect(s.nanCount == 2)
        let zeros = stats(.double([0.0, -0.0]), ColumnDescriptor("d", .double))
        #expect(zeros.minValue == le((-0.0).bitPattern) && zeros.maxValue == le((0.0).bitPattern))
        let allNaN = stats(.float([.nan]), ColumnDescriptor("f", .float))
        #expect(allNaN.minValue == nil && allNaN.maxValue == nil)
    }

    @Test("strings compare as unsigned bytes")
    func strings() {
        let s = stats(.byteArray(ByteArrayColumn(strings: ["b", "é", "a", "ab", ""])), ColumnDescriptor("s", .byteArray, logicalType: .string))
        #expect(s.minValue == [] && s.maxValue == Array("é".utf8))
    }

    @Test("all-null chunks have a null count and no bounds")
    func allNull() {
        let s = stats(.int64([]), ColumnDescriptor("x", .int64, .optional), nulls: 7)
        #expect(s.nullCount == 7 && s.minValue == nil)
    }
}

@Suite("chunks written in many batches")
struct SegmentedChunkTests {
    @Test("statistics of a chunk fed in uneven batches equal those of the whole column", arguments: UInt64(0)..<12)
    func statisticsMerge(seed: UInt64) throws {
        let table = RandomTable.make(seed: seed &* 31 &+ 5, rows: [100, 1000, 5000][Int(seed % 3)])
        var options = ParquetWriterOptions()
        options.pageRowLimit = [7, 100, 20_000][Int(seed / 3 % 3)]
        let reader = try ParquetFileReader(input: MemoryInput(try writeToMemory(table, options: options)))
        #expect(reader.metadata.rowGroups.count == 1)
        for (c, column) in table.schema.columns.enumerated() {
            let whole = StatisticsBuilder.compute(table.batches[c].values, nullCount: table.batches[c].nullCount, column: column)
            let written = reader.metadata.rowGroups[0].columns[c].statistics
            #expect(written?.minValue == whole.minValue, "seed \(seed) column \(column.name) min")
            #expect(written?.maxValue == whole.maxValue, "seed \(seed) column \(column.name) max")
            #expect(written?.nullCount == whole.nullCount, "seed \(seed) column \(column.name) nulls")
            #expect(written?.nanCount == whole.nanCount, "seed \(seed) column \(column.name) NaNs")
        }
    }

    @Test("rows written one at a time still fill whole pages")
    func smallBatchesJoin() throws {
        let values = (0..<2_500).map { Double($0) * 0.25 }
        let schema = ParquetSchema([ColumnDescriptor("x", .double)])
        var options = ParquetWriterOptions()
        options.pageRowLimit = 1_000
        let output = MemoryOutput()
        let writer = try ParquetWriter(output: output, schema: schema, options: options)
        for v in values { try writer.write([ColumnBatch(.double([v]))]) }
        try writer.close()
        let reader = try ParquetFileReader(input: MemoryInput(output.bytes))
        let pages = reader.metadata.rowGroups[0].columns[0].encodingStats.filter { $0.pageType != .dictionaryPage }
        #expect(pages.reduce(0) { $0 + $1.count } == 3)
        #expect(try reader.readColumn(rowGroup: 0, column: 0).values == .double(values))
    }

    @Test("a minimum and a maximum in different batches, and batches of only nulls or NaNs")
    func boundsAcrossBatches() throws {
        let schema = ParquetSchema([ColumnDescriptor("x", .double, .optional)])
        var options = ParquetWriterOptions()
        options.pageRowLimit = 2
        let output = MemoryOutput()
        let writer = try ParquetWriter(output: output, schema: schema, options: options)
        try writer.write([ColumnBatch(.double([3, 0.0]), validity: [true, true])])
        try writer.write([ColumnBatch(.double([]), validity: [false, false, false])])
        try writer.write([ColumnBatch(.double([.nan, .nan]), validity: [true, true])])
        try writer.write([ColumnBatch(.double([-2, 9]), validity: [true, true])])
        try writer.close()
        let stats = try ParquetFileReader(input: MemoryInput(output.bytes)).metadata.rowGroups[0].columns[0].statistics
        #expect(stats?.minValue == withUnsafeBytes(of: -2.0) { Array($0) })
        #expect(stats?.maxValue == withUnsafeBytes(of: 9.0) { Array($0) })
        #expect(stats?.nullCount == 3)
        #expect(stats?.nanCount == 2)
    }
}
