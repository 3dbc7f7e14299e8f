/// The rows of one column waiting for the next row group flush, kept as the batches they
/// arrived in: the encoder walks them in order, so a row group's values are never copied
/// into one buffer first. Batches smaller than a page are joined to the one before, so that
/// a caller writing a few rows at a time still gets full pages.
struct ColumnBuffer {
    private(set) var segments: [ColumnBatch] = []
    private(set) var rowCount = 0
    /// Approximate bytes held, for the row-group byte limit.
    private(set) var byteSize = 0
    /// Rows below which a batch is joined to the previous one instead of standing alone.
    let joinBelowRows: Int

    init(joinBelowRows: Int) { self.joinBelowRows = joinBelowRows }

    mutating func append(_ batch: ColumnBatch) {
        guard batch.rowCount > 0 else { return }
        rowCount += batch.rowCount
        byteSize += batch.byteSize
        if var last = segments.popLast() {
            if last.rowCount < joinBelowRows || batch.rowCount < joinBelowRows {
                last.append(batch)
                segments.append(last)
                return
            }
            segments.append(last)
        }
        segments.append(batch)
    }

    /// Hands the buffered batches over and starts empty.
    mutating func take() -> [ColumnBatch] {
        defer {
            segments = []
            rowCount = 0
            byteSize = 0
        }
        return segments
    }
}

extension ColumnBatch {
    /// Approximate bytes held.
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

    /// Appends `other`'s rows (same physical type, checked by the writer).
    mutating func append(_ other: ColumnBatch) {
        let rows = rowCount
        if validity != nil || other.validity != nil {
            var flags = validity ?? [Bool](repeating: true, count: rows)
            flags.append(contentsOf: other.validity ?? [Bool](repeating: true, count: other.rowCount))
            validity = flags
        }
        // Take the payload out first so that the array is uniquely referenced and grows in place.
        let current = values
        values = .boolean([])
        values = current.appending(other.values)
    }
}

extension ColumnValues {
    /// `self` followed by `other` (same physical type, checked by the caller).
    public consuming func appending(_ other: ColumnValues) -> ColumnValues {
        switch (consume self, other) {
        case (.boolean(var a), .boolean(let b)): a.append(contentsOf: b); return .boolean(a)
        case (.int32(var a), .int32(let b)): a.append(contentsOf: b); return .int32(a)
        case (.int64(var a), .int64(let b)): a.append(contentsOf: b); return .int64(a)
        case (.float(var a), .float(let b)): a.append(contentsOf: b); return .float(a)
        case (.double(var a), .double(let b)): a.append(contentsOf: b); return .double(a)
        case (.byteArray(var a), .byteArray(let b)): a.append(contentsOf: b); return .byteArray(a)
        case (.fixedLenByteArray(var a), .fixedLenByteArray(let b)): a.append(contentsOf: b); return .fixedLenByteArray(a)
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
