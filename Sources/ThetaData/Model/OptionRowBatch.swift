/// Rows decoded from one stretch of a body, stored by column so a batch of thousands of rows
/// costs a handful of allocations. Index it for `OptionRow`s, or read the columns directly.
public struct OptionRowBatch: Sendable, RandomAccessCollection {
    /// The dataset's `.double` column names, in the order of `doubles`' stride.
    public let doubleColumns: [String]
    /// The dataset's `.integer`, `.timeOfDay` and `.dateTime` column names, in the order of
    /// `integers`' stride. A `.dateTime` value is New York wall-clock ms since 1970-01-01 00:00:
    /// the calendar date's day number × 86 400 000 plus the ms of day, as the Terminal wrote
    /// it, not yet an instant (the archive applies New York's UTC offset).
    public let integerColumns: [String]

    public internal(set) var contracts: [ContractKey] = []
    public internal(set) var dates: [Int32] = []
    public internal(set) var times: [Int32] = []
    /// Row-major: row r's double column c is at `r * doubleColumns.count + c`; NaN = empty.
    public internal(set) var doubles: [Double] = []
    /// Row-major like `doubles`; `Int64.min` = empty.
    public internal(set) var integers: [Int64] = []

    /// The marker of an empty integer field.
    public static let missingInteger = Int64.min

    init(doubleColumns: [String], integerColumns: [String], reservingCapacity capacity: Int) {
        self.doubleColumns = doubleColumns
        self.integerColumns = integerColumns
        contracts.reserveCapacity(capacity)
        dates.reserveCapacity(capacity)
        times.reserveCapacity(capacity)
        doubles.reserveCapacity(capacity * doubleColumns.count)
        integers.reserveCapacity(capacity * integerColumns.count)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { contracts.count }

    public subscript(position: Int) -> OptionRow {
        let d = doubleColumns.count
        let n = integerColumns.count
        return OptionRow(
            contract: contracts[position], date: dates[position], msOfDay: times[position],
            doubles: doubles[position * d..<(position + 1) * d].map { $0.isNaN ? nil : $0 },
            integers: integers[position * n..<(position + 1) * n].map { $0 == Self.missingInteger ? nil : $0 })
    }
}
