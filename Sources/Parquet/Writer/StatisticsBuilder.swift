/// Chunk statistics: null count and min/max in the column's sort order, PLAIN-encoded.
///
/// Floats leave NaN out of the bounds and write a zero minimum as -0.0 and a zero maximum
/// as +0.0, as the format asks, so readers that prune never skip a row they should return.
enum StatisticsBuilder {
    static func compute(_ values: ColumnValues, nullCount: Int, column: ColumnDescriptor) -> Statistics {
        var stats = Statistics(nullCount: Int64(nullCount))
        func set<T>(_ bounds: (T, T)?, exact: Bool = true) {
            guard let (lo, hi) = bounds else { return }
            stats.minValue = withUnsafeBytes(of: lo) { Array($0) }
            stats.maxValue = withUnsafeBytes(of: hi) { Array($0) }
            stats.isMinValueExact = exact
            stats.isMaxValueExact = exact
        }
        let unsigned = column.sortsUnsigned
        switch values {
        case .boolean(let v):
            if !v.isEmpty {
                stats.minValue = [v.contains(false) ? 0 : 1]
                stats.maxValue = [v.contains(true) ? 1 : 0]
                stats.isMinValueExact = true
                stats.isMaxValueExact = true
            }
        case .int32(let v):
            if unsigned { set(bounds(v.lazy.map { UInt32(bitPattern: $0) })) } else { set(bounds(v)) }
        case .int64(let v):
            if unsigned { set(bounds(v.lazy.map { UInt64(bitPattern: $0) })) } else { set(bounds(v)) }
        case .float(let v):
            let (b, nans) = floatBounds(v)
            set(b.map { (lo, hi) in (lo == 0 ? -Float(0) : lo, hi == 0 ? Float(0) : hi) })
            stats.nanCount = Int64(nans)
        case .double(let v):
            let (b, nans) = floatBounds(v)
            set(b.map { (lo, hi) in (lo == 0 ? -Double(0) : lo, hi == 0 ? Double(0) : hi) })
            stats.nanCount = Int64(nans)
        case .byteArray(let c), .fixedLenByteArray(let c):
            // Decimals in bytes sort as signed big-endian integers, not as bytes: rather than
            // risk wrong pruning, leave their bounds out.
            if case .decimal = column.logicalType { break }
            guard !c.isEmpty else { break }
            var lo = 0, hi = 0
            c.bytes.withUnsafeBytes { raw in
                func value(_ i: Int) -> UnsafeRawBufferPointer {
                    UnsafeRawBufferPointer(rebasing: raw[c.offsets[i]..<c.offsets[i + 1]])
                }
                for i in 1..<c.count {
                    let v = value(i)
                    if v.lexicographicallyPrecedes(value(lo)) { lo = i }
                    if value(hi).lexicographicallyPrecedes(v) { hi = i }
                }
            }
            stats.minValue = c[lo]
            stats.maxValue = c[hi]
            stats.isMinValueExact = true
            stats.isMaxValueExact = true
        }
        return stats
    }

    private static func bounds<S: Sequence>(_ values: S) -> (S.Element, S.Element)? where S.Element: Comparable {
        var it = values.makeIterator()
        guard var lo = it.next() else { return nil }
        var hi = lo
        while let v = it.next() {
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        return (lo, hi)
    }

    private static func floatBounds<T: BinaryFloatingPoint>(_ values: [T]) -> ((T, T)?, Int) {
        var lo = T.infinity, hi = -T.infinity
        var nans = 0
        var any = false
        for v in values {
            if v.isNaN {
                nans += 1
                continue
            }
            any = true
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        return (any ? (lo, hi) : nil, nans)
    }
}
