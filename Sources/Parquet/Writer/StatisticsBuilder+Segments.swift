/// Statistics of a chunk held as several batches: each batch's, merged in the column's order.
extension StatisticsBuilder {
    static func compute(_ segments: [ColumnBatch], column: ColumnDescriptor) -> Statistics {
        var merged: Statistics?
        for segment in segments {
            let stats = compute(segment.values, nullCount: segment.nullCount, column: column)
            merged = merged.map { merge($0, stats, column: column) } ?? stats
        }
        return merged ?? Statistics(nullCount: 0)
    }

    /// `a` and `b` as one: counts added, the lower minimum and the higher maximum.
    static func merge(_ a: Statistics, _ b: Statistics, column: ColumnDescriptor) -> Statistics {
        var result = a
        result.nullCount = (a.nullCount ?? 0) + (b.nullCount ?? 0)
        if a.nanCount != nil || b.nanCount != nil { result.nanCount = (a.nanCount ?? 0) + (b.nanCount ?? 0) }
        result.minValue = pick(a.minValue, b.minValue, column: column) { $0 }
        result.maxValue = pick(a.maxValue, b.maxValue, column: column) { !$0 }
        result.isMinValueExact = result.minValue == nil ? nil : true
        result.isMaxValueExact = result.maxValue == nil ? nil : true
        return result
    }

    /// Of two encoded bounds, the one for which `wantFirst(x precedes y)` holds; a missing
    /// bound (a batch of only nulls or NaNs) yields to the other.
    private static func pick(
        _ x: [UInt8]?, _ y: [UInt8]?, column: ColumnDescriptor, _ wantFirst: (Bool) -> Bool
    ) -> [UInt8]? {
        guard let x else { return y }
        guard let y else { return x }
        return wantFirst(precedes(x, y, column: column)) ? x : y
    }

    /// Whether encoded bound `x` sorts before `y` in the column's order. The float bounds were
    /// already normalised (a zero minimum is -0, a zero maximum +0), so plain `<` is right.
    private static func precedes(_ x: [UInt8], _ y: [UInt8], column: ColumnDescriptor) -> Bool {
        func load<T>(_ bytes: [UInt8], as: T.Type) -> T {
            bytes.withUnsafeBytes { $0.loadUnaligned(as: T.self) }
        }
        let unsigned = column.sortsUnsigned
        switch column.physicalType {
        case .boolean: return x[0] < y[0]
        case .int32:
            return unsigned ? load(x, as: UInt32.self) < load(y, as: UInt32.self) : load(x, as: Int32.self) < load(y, as: Int32.self)
        case .int64:
            return unsigned ? load(x, as: UInt64.self) < load(y, as: UInt64.self) : load(x, as: Int64.self) < load(y, as: Int64.self)
        case .float: return load(x, as: Float.self) < load(y, as: Float.self)
        case .double: return load(x, as: Double.self) < load(y, as: Double.self)
        case .byteArray, .fixedLenByteArray: return x.lexicographicallyPrecedes(y)
        // No INT96 column gets bounds: their order is undefined.
        case .int96: return false
        }
    }
}
