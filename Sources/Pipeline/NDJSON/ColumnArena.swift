/// Fixed-width column values being decoded, in raw memory: one region per column, grown by
/// doubling. The decoder stores every number of every line here, so the store is a single
/// pointer write with no array bookkeeping.
final class ColumnArena {
    // Only the owning decoder touches the arena, one line at a time: no dynamic exclusivity
    // checks are needed on these, and they would cost more than the stores they guard.
    @exclusivity(unchecked) private(set) var capacity: Int
    @exclusivity(unchecked) private var regions: [UnsafeMutableRawPointer?]
    private let widths: [Int]
    /// Values stored per column.
    let counts: UnsafeMutablePointer<Int>

    /// - Parameter widths: bytes per value for each column, 0 for columns stored elsewhere.
    init(widths: [Int], capacity: Int) {
        self.widths = widths
        self.capacity = max(capacity, 16)
        regions = widths.map { $0 == 0 ? nil : UnsafeMutableRawPointer.allocate(byteCount: $0 * max(capacity, 16), alignment: 8) }
        counts = .allocate(capacity: max(widths.count, 1))
        counts.initialize(repeating: 0, count: max(widths.count, 1))
    }

    deinit {
        for region in regions { region?.deallocate() }
        counts.deallocate()
    }

    @inline(__always)
    func append<T>(_ value: T, column: Int) {
        let n = counts[column]
        if n == capacity { grow() }
        regions[column].unsafelyUnwrapped.storeBytes(of: value, toByteOffset: n * MemoryLayout<T>.stride, as: T.self)
        counts[column] = n + 1
    }

    func removeLast(column: Int) { counts[column] -= 1 }

    private func grow() {
        let newCapacity = capacity * 2
        for (c, region) in regions.enumerated() {
            guard let region else { continue }
            let bigger = UnsafeMutableRawPointer.allocate(byteCount: widths[c] * newCapacity, alignment: 8)
            bigger.copyMemory(from: region, byteCount: widths[c] * capacity)
            region.deallocate()
            regions[c] = bigger
        }
        capacity = newCapacity
    }

    /// Copies a column's values out and empties it.
    func take<T>(column: Int, as: T.Type) -> [T] {
        let n = counts[column]
        counts[column] = 0
        guard let region = regions[column], n > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: region.assumingMemoryBound(to: T.self), count: n))
    }
}
