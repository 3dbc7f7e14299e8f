import Parquet

/// One cell of a column as a test compares it: text, an integer, a double by its bits (so
/// -0.0 and NaN payloads count), or null.
enum ColumnCell: Equatable, CustomStringConvertible {
    case text(String), int(Int64), bits(UInt64), null

    var description: String {
        switch self {
        case .text(let s): "\"\(s)\""
        case .int(let n): "\(n)"
        case .bits(let bits): "\(Double(bitPattern: bits))"
        case .null: "null"
        }
    }

    /// A column batch cell by cell, nulls in their rows.
    static func cells(_ batch: ColumnBatch) -> [ColumnCell] {
        var values: [ColumnCell]
        switch batch.values {
        case .int32(let v): values = v.map { .int(Int64($0)) }
        case .int64(let v): values = v.map { .int($0) }
        case .double(let v): values = v.map { .bits($0.bitPattern) }
        case .byteArray(let v): values = (0..<v.count).map { .text(String(decoding: v[$0], as: UTF8.self)) }
        default: values = []
        }
        guard let validity = batch.validity else { return values }
        var next = values.makeIterator()
        return validity.map { $0 ? next.next()! : .null }
    }
}
