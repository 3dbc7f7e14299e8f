/// The rows of one column waiting for the next row group flush.
struct ColumnBuffer {
    var values: ColumnValues
    /// Per-row presence; nil while no null has been seen (saves a byte per row).
    var validity: [Bool]?
    var rowCount = 0

    init(type: PhysicalType) { values = .empty(type) }

    /// Approximate bytes held, for the row-group byte limit.
    var byteSize: Int {
        let v: Int
        switch values {
        case .boolean(let a): v = a.count
        case .int32(let a): v = a.count * 4
        case .float(let a): v = a.count * 4
        case .int64(let a): v = a.count * 8
        case .double(let a): v = a.count * 8
        case .byteArray(let c), .fixedLenByteArray(let c): v = c.bytes.count + c.count * 8
        }
        return v + (validity?.count ?? 0)
    }

    /// - Parameter expectedRows: rows to make room for when the values must grow.
    mutating func append(_ batch: ColumnBatch, expectedRows: Int) {
        if let incoming = batch.validity {
            if validity == nil { validity = [Bool](repeating: true, count: rowCount) }
            validity!.append(contentsOf: incoming)
        } else if validity != nil {
            validity!.append(contentsOf: repeatElement(true, count: batch.rowCount))
        }
        rowCount += batch.rowCount
        // Take the payload out of the enum before appending so the array is uniquely
        // referenced and grows in place instead of being copied.
        let current = values
        values = .boolean([])
        values = current.appending(batch.values, reservingFor: expectedRows)
    }

    /// Hands the buffered rows over and starts empty.
    mutating func take() -> (ColumnValues, [Bool]?, Int) {
        let result = (values, validity, rowCount)
        values = .empty(values.physicalType)
        validity = nil
        rowCount = 0
        return result
    }
}

extension ColumnValues {
    /// `self` followed by `other` (same physical type, checked by the caller). When `self`
    /// must grow and `rows` is more than it needs, it grows to room for `rows` values in one
    /// step; otherwise it grows as arrays do.
    consuming func appending(_ other: ColumnValues, reservingFor rows: Int = 0) -> ColumnValues {
        func appended<T>(_ a: consuming [T], _ b: [T]) -> [T] {
            // An empty buffer takes the batch's array as it is, without copying it.
            if a.isEmpty { return b }
            if a.count + b.count > a.capacity && rows > a.count + b.count { a.reserveCapacity(rows) }
            a.append(contentsOf: b)
            return a
        }
        switch (consume self, other) {
        case (.boolean(let a), .boolean(let b)): return .boolean(appended(a, b))
        case (.int32(let a), .int32(let b)): return .int32(appended(a, b))
        case (.int64(let a), .int64(let b)): return .int64(appended(a, b))
        case (.float(let a), .float(let b)): return .float(appended(a, b))
        case (.double(let a), .double(let b)): return .double(appended(a, b))
        case (.byteArray(var a), .byteArray(let b)):
            if a.isEmpty { return .byteArray(b) }
            a.reserve(rows: rows, adding: b)
            a.append(contentsOf: b)
            return .byteArray(a)
        case (.fixedLenByteArray(var a), .fixedLenByteArray(let b)):
            if a.isEmpty { return .fixedLenByteArray(b) }
            a.reserve(rows: rows, adding: b)
            a.append(contentsOf: b)
            return .fixedLenByteArray(a)
        case (let a, _): preconditionFailure("appending \(other.physicalType) values to \(a.physicalType)")
        }
    }

    /// Values `range` (indices of stored, non-null values).
    public func slice(_ range: Range<Int>) -> ColumnValues {
        switch self {
        case .boolean(let a): .boolean(Array(a[range]))
        case .int32(let a): .int32(Array(a[range]))
        case .int64(let a): .int64(Array(a[range]))
        case .float(let a): .float(Array(a[range]))
        case .double(let a): .double(Array(a[range]))
        case .byteArray(let c): .byteArray(c.slice(range))
        case .fixedLenByteArray(let c): .fixedLenByteArray(c.slice(range))
        }
    }
}

extension ColumnBatch {
    /// Rows `range` of this batch.
    public func slice(rows range: Range<Int>) -> ColumnBatch {
        guard let validity else { return ColumnBatch(values.slice(range)) }
        let before = validity[..<range.lowerBound].count { $0 }
        let inside = validity[range].count { $0 }
        return ColumnBatch(values.slice(before..<before + inside), validity: Array(validity[range]))
    }
}
