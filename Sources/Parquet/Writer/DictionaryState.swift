/// A column chunk's dictionary while its pages are encoded.
struct DictionaryState {
    private let type: PhysicalType
    private var fixed = FixedWidthInterner()
    private var bytes = ByteArrayInterner()
    private var indices: [UInt32] = []

    init(type: PhysicalType) { self.type = type }

    var count: Int { type == .byteArray || type == .fixedLenByteArray ? bytes.count : fixed.count }

    /// Size of the dictionary page's PLAIN body so far.
    var plainSize: Int {
        switch type {
        case .byteArray: bytes.plainSize
        case .fixedLenByteArray: bytes.values.bytes.count
        case .int32, .float: fixed.count * 4
        default: fixed.count * 8
        }
    }

    /// Looks up (adding as needed) the values in `range` and appends the page body: the
    /// index bit width, then the indices in the RLE/bit-packed hybrid.
    mutating func appendIndices(_ values: ColumnValues, range: Range<Int>, into out: inout [UInt8]) {
        indices.removeAll(keepingCapacity: true)
        indices.append(contentsOf: repeatElement(0, count: range.count))
        indices.withUnsafeMutableBufferPointer { out in
            guard let target = out.baseAddress else { return }
            switch values {
            case .int32(let v):
                v.withUnsafeBufferPointer { fixed.indices(of: UnsafeBufferPointer(rebasing: $0[range]), bits: { UInt64(UInt32(bitPattern: $0)) }, into: target) }
            case .int64(let v):
                v.withUnsafeBufferPointer { fixed.indices(of: UnsafeBufferPointer(rebasing: $0[range]), bits: { UInt64(bitPattern: $0) }, into: target) }
            case .float(let v):
                v.withUnsafeBufferPointer { fixed.indices(of: UnsafeBufferPointer(rebasing: $0[range]), bits: { UInt64($0.bitPattern) }, into: target) }
            case .double(let v):
                v.withUnsafeBufferPointer { fixed.indices(of: UnsafeBufferPointer(rebasing: $0[range]), bits: { $0.bitPattern }, into: target) }
            case .byteArray(let c), .fixedLenByteArray(let c):
                c.bytes.withUnsafeBytes { raw in
                    // Sorted data repeats a string for long runs (root, right): comparing with the
                    // previous value is cheaper than hashing it.
                    var last = UnsafeRawBufferPointer(start: nil, count: 0)
                    var lastIndex: UInt32 = .max
                    for (n, i) in range.enumerated() {
                        let slice = UnsafeRawBufferPointer(rebasing: raw[c.offsets[i]..<c.offsets[i + 1]])
                        if lastIndex == .max || !slice.elementsEqual(last) {
                            lastIndex = UInt32(bytes.index(of: slice))
                            last = slice
                        }
                        target[n] = lastIndex
                    }
                }
            case .boolean:
                preconditionFailure("BOOLEAN columns are never dictionary-encoded (options validation)")
            }
        }
        let width = max(1, BitPacking.bitWidth(UInt64(max(count, 1) - 1)))
        out.append(UInt8(width))
        RLEHybrid.encode(indices, width: width, into: &out)
    }

    /// The dictionary page body: every entry, PLAIN-encoded, in index order.
    func plainValues(typeLength: Int, into out: inout [UInt8]) {
        switch type {
        case .byteArray:
            PlainEncoding.encode(.byteArray(bytes.values), range: 0..<bytes.count, typeLength: 0, into: &out)
        case .fixedLenByteArray:
            out.append(contentsOf: bytes.values.bytes)
        case .int32, .float:
            for key in fixed.keys { out.appendLittleEndian(UInt32(truncatingIfNeeded: key)) }
        default:
            for key in fixed.keys { out.appendLittleEndian(key) }
        }
    }
}
