/// The values of one column for a run of rows, in the column's physical type.
///
/// Only non-null values are stored; `ColumnBatch.validity` says which rows they belong to.
/// Logical types ride on physical storage: DATE is `.int32` days since 1970-01-01,
/// TIMESTAMP is `.int64` in its unit, unsigned integers are stored bit for bit in the
/// signed type of the same width, DECIMAL is its unscaled integer or big-endian bytes.
public enum ColumnValues: Sendable, Equatable {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case float([Float])
    case double([Double])
    case byteArray(ByteArrayColumn)
    case fixedLenByteArray(ByteArrayColumn)

    public var count: Int {
        switch self {
        case .boolean(let v): v.count
        case .int32(let v): v.count
        case .int64(let v): v.count
        case .float(let v): v.count
        case .double(let v): v.count
        case .byteArray(let v), .fixedLenByteArray(let v): v.count
        }
    }

    public var physicalType: PhysicalType {
        switch self {
        case .boolean: .boolean
        case .int32: .int32
        case .int64: .int64
        case .float: .float
        case .double: .double
        case .byteArray: .byteArray
        case .fixedLenByteArray: .fixedLenByteArray
        }
    }

    /// Empty storage of `type`.
    public static func empty(_ type: PhysicalType) -> ColumnValues {
        switch type {
        case .boolean: .boolean([])
        case .int32: .int32([])
        case .int64: .int64([])
        case .int96: .fixedLenByteArray(ByteArrayColumn())
        case .float: .float([])
        case .double: .double([])
        case .byteArray: .byteArray(ByteArrayColumn())
        case .fixedLenByteArray: .fixedLenByteArray(ByteArrayColumn())
        }
    }
}

/// One column's share of a batch of rows handed to `ParquetWriter.write(_:)`.
public struct ColumnBatch: Sendable, Equatable {
    /// The non-null values, in row order.
    public var values: ColumnValues
    /// One flag per row, `true` where the row has a value; `nil` means every row has one.
    public var validity: [Bool]?

    public init(_ values: ColumnValues, validity: [Bool]? = nil) {
        self.values = values
        self.validity = validity
    }

    /// Number of rows this batch covers (values plus nulls).
    public var rowCount: Int { validity?.count ?? values.count }
    public var nullCount: Int { validity.map { $0.count { !$0 } } ?? 0 }
}
