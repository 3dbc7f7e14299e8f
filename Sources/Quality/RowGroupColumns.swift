import Parquet

/// A slice of a row group's rows (see `RowSlices`), row-aligned: every array has one element
/// per row, a null as the column's `missing` marker with its validity kept. The checks read
/// these by name.
struct RowGroupColumns {
    let count: Int
    let roots: ByteArrayColumn
    let expiration: [Int32]
    let strike: [Int64]
    /// `C` or `P` as a byte (0 when the value is not one byte).
    let right: [UInt8]
    let timestamp: [Int64]
    let date: [Int32]
    let msOfDay: [Int32]
    private let doubles: [String: NullableColumn<Double>]
    private let integers: [String: NullableColumn<Int64>]
    /// Every value column (all but the seven key and time columns) in file order, for
    /// comparing whole rows (U2).
    let valueDoubles: [NullableColumn<Double>]
    let valueIntegers: [NullableColumn<Int64>]

    /// - Parameter batches: the slice's columns by their index in the file.
    init(_ batches: [Int: ColumnBatch], layout: ArchiveColumns) throws {
        func batch(_ name: String) throws -> ColumnBatch {
            guard let batch = batches[layout.index[name]!] else { throw ParquetError(.schemaMismatch, "no column \(name)") }
            return batch
        }
        guard case .byteArray(let roots) = try batch("root").values,
              case .int32(let expiration) = try batch("expiration").values,
              case .int64(let strike) = try batch("strike").values,
              case .byteArray(let rights) = try batch("right").values,
              case .int64(let timestamp) = try batch("timestamp").values,
              case .int32(let date) = try batch("date").values,
              case .int32(let msOfDay) = try batch("ms_of_day").values
        else { throw ParquetError(.schemaMismatch, "the archive's key columns are not of their types") }
        count = expiration.count
        self.roots = roots
        self.expiration = expiration
        self.strike = strike
        right = Self.singleBytes(rights)
        self.timestamp = timestamp
        self.date = date
        self.msOfDay = msOfDay
        var doubles: [String: NullableColumn<Double>] = [:], integers: [String: NullableColumn<Int64>] = [:]
        var valueDoubles: [NullableColumn<Double>] = [], valueIntegers: [NullableColumn<Int64>] = []
        let keys = Set(ArchiveColumns.keyColumns.map(\.name))
        for (name, i) in layout.index.sorted(by: { $0.value < $1.value }) where !keys.contains(name) {
            guard let column = batches[i] else { continue }
            switch column.values {
            case .double(let v):
                let values = NullableColumn(v, validity: column.validity, missing: 0)
                doubles[name] = values
                valueDoubles.append(values)
            case .int64(let v):
                let values = NullableColumn(v, validity: column.validity, missing: 0)
                integers[name] = values
                valueIntegers.append(values)
            case .int32(let v):
                let values = NullableColumn(v.map(Int64.init), validity: column.validity, missing: 0)
                integers[name] = values
                valueIntegers.append(values)
            default: continue
            }
        }
        self.doubles = doubles
        self.integers = integers
        self.valueDoubles = valueDoubles
        self.valueIntegers = valueIntegers
    }

    /// A value column of doubles, nil when the file has none of that name.
    func double(_ name: String) -> NullableColumn<Double>? { doubles[name] }
    /// A value column of integers (INT64, or INT32 widened), nil when the file has none.
    func integer(_ name: String) -> NullableColumn<Int64>? { integers[name] }

    /// Each value's byte when it is one byte long, else 0; without building an array per value.
    private static func singleBytes(_ column: ByteArrayColumn) -> [UInt8] {
        let offsets = column.offsets, bytes = column.bytes
        var out = [UInt8](repeating: 0, count: column.count)
        for i in 0..<column.count where offsets[i + 1] - offsets[i] == 1 { out[i] = bytes[offsets[i]] }
        return out
    }
}

/// A column with a value for every row: nulls hold `missing` and are told by `isPresent`.
struct NullableColumn<Value> {
    let values: [Value]
    /// Nil when every row has a value.
    let validity: [Bool]?

    init(_ dense: [Value], validity: [Bool]?, missing: Value) {
        // An optional column without a null reads with a validity of all `true`: dropping it
        // spares every check a lookup per row.
        let validity = validity.flatMap { $0.contains(false) ? $0 : nil }
        self.validity = validity
        guard let validity else {
            values = dense
            return
        }
        var out: [Value] = []
        out.reserveCapacity(validity.count)
        var next = 0
        for present in validity {
            if present {
                out.append(dense[next])
                next += 1
            } else {
                out.append(missing)
            }
        }
        values = out
    }

    @inline(__always) func isPresent(_ row: Int) -> Bool { validity?[row] ?? true }

    /// Nulls among the rows.
    var nullCount: Int { validity.map { $0.count { !$0 } } ?? 0 }
}
