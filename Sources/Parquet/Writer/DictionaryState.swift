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
        indices.reserveCapacity(range.count)
        switch values {
        case .int32(let v): for i in range { indices.append(UInt32(fixed.index(of: UInt64(UInt32(bitPattern: v[i]))))) }
        case .int64(let v): for i in range { indices.append(UInt32(fixed.index(of: UInt64(bitPattern: v[i])))) }
        case .float(let v): for i in range { indices.append(UInt32(fixed.index(of: UInt64(v[i].bitPattern)))) }
        case .double(let v): for i in range { indices.append(UInt32(fixed.index(of: v[i].bitPattern))) }
        case .byteArray(let c), .fixedLenByteArray(let c):
            c.bytes.withUnsafeBytes { raw in
                for i in range {
                    let slice = UnsafeRawBufferPointer(rebasing: raw[c.offsets[i]..<c.offsets[i + 1]])
                    indices.append(UInt32(bytes.index(of: slice)))
                }
            }
        case .boolean:
            preconditionFailure("BOOLEAN columns are never dictionary-encoded (options validation)")
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
