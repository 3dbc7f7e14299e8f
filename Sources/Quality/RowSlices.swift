import Parquet

/// A row group's columns read a slice of rows at a time: each column keeps one decoded page
/// and hands on the rows asked for, so judging a day holds a slice (64 Ki rows) of each column
/// rather than a whole row group (512 Ki rows of every column would be some 80 MB more, on top
/// of what `process` already holds when it judges the day it made).
struct RowSlices {
    static let rowsPerSlice = 65_536

    private var cursors: [Int: ColumnCursor] = [:]
    private var left: Int
    private let rowsPerSlice: Int

    init(reader: ParquetFileReader, rowGroup: Int, columns: some Sequence<Int>, rowsPerSlice: Int = Self.rowsPerSlice)
        throws(ParquetError)
    {
        self.rowsPerSlice = rowsPerSlice
        for column in columns {
            cursors[column] = ColumnCursor(reader: try reader.columnChunk(rowGroup: rowGroup, column: column),
                                           isOptional: reader.schema.columns[column].isOptional,
                                           type: reader.schema.columns[column].physicalType)
        }
        left = Int(reader.metadata.rowGroups[rowGroup].numRows)
    }

    /// The next slice's columns by index, nil when the row group is done.
    mutating func next() throws(ParquetError) -> [Int: ColumnBatch]? {
        guard left > 0 else { return nil }
        let count = min(left, rowsPerSlice)
        left -= count
        var slice: [Int: ColumnBatch] = [:]
        for column in cursors.keys { slice[column] = try cursors[column]!.take(count) }
        return slice
    }
}

/// One column chunk read page by page, rows taken in any amounts.
private struct ColumnCursor {
    var reader: ColumnChunkReader
    let isOptional: Bool
    let type: PhysicalType
    private var page: ColumnBatch?
    /// Rows and non-null values of `page` already handed on.
    private var row = 0
    private var value = 0

    init(reader: ColumnChunkReader, isOptional: Bool, type: PhysicalType) {
        self.reader = reader
        self.isOptional = isOptional
        self.type = type
    }

    /// The next `count` rows, across pages as needed.
    mutating func take(_ count: Int) throws(ParquetError) -> ColumnBatch {
        var values = ColumnValues.empty(type)
        var validity: [Bool]? = isOptional ? [] : nil
        var needed = count
        while needed > 0 {
            if page == nil || row == page!.rowCount {
                guard let next = try reader.nextPage() else {
                    throw ParquetError(.schemaMismatch, "a column chunk holds fewer rows than its row group")
                }
                (page, row, value) = (next, 0, 0)
                continue
            }
            let current = page!
            let rows = min(needed, current.rowCount - row)
            let flags = current.validity.map { Array($0[row..<(row + rows)]) }
            let present = flags.map { $0.count { $0 } } ?? rows
            values = values.appending(current.values.slice(value..<(value + present)))
            if isOptional { validity!.append(contentsOf: flags ?? Array(repeating: true, count: rows)) }
            row += rows
            value += present
            needed -= rows
        }
        return ColumnBatch(values, validity: validity)
    }
}
