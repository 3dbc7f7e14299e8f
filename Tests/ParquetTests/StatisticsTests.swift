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
