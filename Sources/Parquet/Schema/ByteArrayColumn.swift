/// Variable-length byte strings stored back to back, Arrow style: one buffer of bytes and
/// `count + 1` offsets into it. Appending and scanning never allocate per value, which
/// matters when a row group holds millions of strings.
public struct ByteArrayColumn: Sendable, Equatable {
    public private(set) var bytes: [UInt8]
    /// `offsets[i] ..< offsets[i + 1]` is value `i`; always starts with 0.
    public private(set) var offsets: [Int]

    public init() {
        bytes = []
        offsets = [0]
    }

    public init(minimumCapacity: Int, averageLength: Int = 8) {
        bytes = []
        bytes.reserveCapacity(minimumCapacity * averageLength)
        offsets = [0]
        offsets.reserveCapacity(minimumCapacity + 1)
    }

    public init<S: Sequence>(_ values: S) where S.Element == [UInt8] {
        self.init()
        for value in values { append(value) }
    }

    public init<S: Sequence>(strings: S) where S.Element == String {
        self.init()
        for value in strings { append(Array(value.utf8)) }
    }

    public var count: Int { offsets.count - 1 }
    public var isEmpty: Bool { offsets.count == 1 }

    public mutating func append(_ value: UnsafeRawBufferPointer) {
        if value.count <= 16, let source = value.baseAddress {
            // Short values (roots, rights, symbols) dominate; appending their bytes one by one
            // costs a fraction of the general bulk append's set-up.
            for k in 0..<value.count { bytes.append(source.load(fromByteOffset: k, as: UInt8.self)) }
        } else {
            bytes.append(contentsOf: value)
        }
        offsets.append(bytes.count)
    }

    public mutating func append(_ value: [UInt8]) {
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
    }

    public mutating func append(contentsOf other: ByteArrayColumn) {
        let base = bytes.count
        bytes.append(contentsOf: other.bytes)
        offsets.reserveCapacity(offsets.count + other.count)
        for i in 1..<other.offsets.count { offsets.append(base + other.offsets[i]) }
    }

    /// Appends values laid back to back in `bytes`, one per length.
    mutating func appendRaw<L: Sequence>(_ raw: UnsafeRawBufferPointer, lengths: L) where L.Element == Int {
        bytes.append(contentsOf: raw)
        var end = offsets[offsets.count - 1]
        for length in lengths {
            end += length
            offsets.append(end)
        }
    }

    public mutating func removeLast() {
        offsets.removeLast()
        bytes.removeSubrange(offsets[offsets.count - 1]...)
    }

    public mutating func removeAll(keepingCapacity: Bool = true) {
        bytes.removeAll(keepingCapacity: keepingCapacity)
        offsets.removeAll(keepingCapacity: keepingCapacity)
        offsets.append(0)
    }

    /// Value `index` as a fresh array (for tests and tools; hot paths use `withValue`).
    public subscript(index: Int) -> [UInt8] {
        Array(bytes[offsets[index]..<offsets[index + 1]])
    }

    public func length(at index: Int) -> Int { offsets[index + 1] - offsets[index] }

    /// Calls `body` with the bytes of value `index` without copying them.
    @inlinable
    public func withValue<R>(at index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = offsets[index], end = offsets[index + 1]
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Values `range` as a new column.
    public func slice(_ range: Range<Int>) -> ByteArrayColumn {
        var out = ByteArrayColumn()
        let start = offsets[range.lowerBound], end = offsets[range.upperBound]
        out.bytes = Array(bytes[start..<end])
        out.offsets = offsets[range.lowerBound...range.upperBound].map { $0 - start }
        return out
    }
}
