/// Fixed-width column values in raw memory: one region per column, all grown together by
/// doubling. Storing a value is a count check and one write, with none of the uniqueness
/// checks an array append makes; the owner keeps value semantics by copying the arena
/// before mutating a shared one (see `ColumnStore.makeUnique`).
final class ValueArena {
    /// Bytes per value for each column; 0 for columns kept elsewhere (strings).
    let widths: [Int]
    /// `[capacity, count of column 0, count of column 1, …]`. The mutable state lives in
    /// raw memory so that updating it needs no exclusivity checks on class properties.
    private let header: UnsafeMutablePointer<Int>
    private let regions: UnsafeMutablePointer<UnsafeMutableRawPointer?>

    init(widths: [Int], capacity: Int) {
        self.widths = widths
        let capacity = max(capacity, 16)
        header = .allocate(capacity: widths.count + 1)
        header.initialize(repeating: 0, count: widths.count + 1)
        header[0] = capacity
        regions = .allocate(capacity: max(widths.count, 1))
        for (c, width) in widths.enumerated() {
            (regions + c).initialize(to: width == 0 ? nil : .allocate(byteCount: width * capacity, alignment: 8))
        }
    }

    deinit {
        for c in widths.indices { regions[c]?.deallocate() }
        regions.deallocate()
        header.deallocate()
    }

    var capacity: Int { header[0] }

    /// Values stored for column `c`.
    @inline(__always)
    func count(_ c: Int) -> Int { header[c + 1] }

    /// An arena with the same values, for copy-on-write.
    func copy() -> ValueArena {
        let other = ValueArena(widths: widths, capacity: capacity)
        for c in widths.indices {
            other.header[c + 1] = header[c + 1]
            if let from = regions[c], let to = other.regions[c] {
                to.copyMemory(from: from, byteCount: widths[c] * header[c + 1])
            }
        }
        return other
    }

    /// Appends `value` to column `c`, whose width must be `T`'s stride.
    @inline(__always)
    func append<T: BitwiseCopyable>(_ value: T, column c: Int) {
        let n = header[c + 1]
        if n == header[0] { grow() }
        regions[c].unsafelyUnwrapped.storeBytes(of: value, toByteOffset: n &* MemoryLayout<T>.stride, as: T.self)
        header[c + 1] = n &+ 1
    }

    /// Drops the last value of column `c`.
    func removeLast(column c: Int) {
        if header[c + 1] > 0 { header[c + 1] -= 1 }
    }

    private func grow() {
        let newCapacity = header[0] * 2
        for c in widths.indices {
            guard let region = regions[c] else { continue }
            let bigger = UnsafeMutableRawPointer.allocate(byteCount: widths[c] * newCapacity, alignment: 8)
            bigger.copyMemory(from: region, byteCount: widths[c] * header[c + 1])
            region.deallocate()
            regions[c] = bigger
        }
        header[0] = newCapacity
    }

    /// Column `c`'s values as an array; the column is emptied.
    func take<T: BitwiseCopyable>(column c: Int, as type: T.Type) -> [T] {
        let n = header[c + 1]
        header[c + 1] = 0
        guard n > 0, let region = regions[c] else { return [] }
        return [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            if let start = buffer.baseAddress {
                UnsafeMutableRawPointer(start).copyMemory(from: region, byteCount: n * MemoryLayout<T>.stride)
                initialized = n
            }
        }
    }
}
