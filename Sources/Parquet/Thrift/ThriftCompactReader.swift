/// Reads Thrift compact-protocol values from untrusted bytes.
///
/// Every read is bounds-checked and every length is checked against the bytes left, so a
/// corrupt footer or page header produces a `ParquetError`, never a crash or a huge
/// allocation. Nesting depth is capped so that a crafted input cannot recurse forever.
struct ThriftCompactReader {
    private let base: UnsafeRawBufferPointer
    private(set) var position: Int
    private var lastFieldID: Int16 = 0
    private var fieldIDStack: [Int16] = []
    /// Offset of `base[0]` in the file, for error locations.
    let fileOffset: Int64
    private static let maxDepth = 64

    init(_ bytes: UnsafeRawBufferPointer, fileOffset: Int64 = 0) {
        base = bytes
        position = 0
        self.fileOffset = fileOffset
    }

    var remaining: Int { base.count - position }

    func error(_ message: String) -> ParquetError {
        ParquetError(.corruptMetadata, message, at: .init(offset: fileOffset + Int64(position)))
    }

    mutating func readByte() throws(ParquetError) -> UInt8 {
        guard position < base.count else { throw error("Thrift data ends early") }
        let b = base[position]
        position += 1
        return b
    }

    mutating func readVarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            if shift == 63 && b > 1 { throw error("varint overflows 64 bits") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw error("varint longer than 10 bytes") }
        }
    }

    mutating func readZigzag() throws(ParquetError) -> Int64 {
        let z = try readVarint()
        return Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1)))
    }

    mutating func readI32() throws(ParquetError) -> Int32 {
        let v = try readZigzag()
        guard let r = Int32(exactly: v) else { throw error("i32 value \(v) out of range") }
        return r
    }

    mutating func readI16() throws(ParquetError) -> Int16 {
        let v = try readZigzag()
        guard let r = Int16(exactly: v) else { throw error("i16 value \(v) out of range") }
        return r
    }

    mutating func readBinary() throws(ParquetError) -> [UInt8] {
        let n = try readVarint()
        guard n <= UInt64(remaining) else {
            throw error("binary length \(n) exceeds the \(remaining) bytes left")
        }
        let start = position
        position += Int(n)
        return Array(base[start..<position])
    }

    mutating func readString() throws(ParquetError) -> String {
        String(decoding: try readBinary(), as: UTF8.self)
    }

    mutating func readDouble() throws(ParquetError) -> Double {
        guard remaining >= 8 else { throw error("double ends early") }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(base[position + i]) << (8 * UInt64(i)) }
        position += 8
        return Double(bitPattern: bits)
    }

    mutating func beginStruct() throws(ParquetError) {
        guard fieldIDStack.count < Self.maxDepth else { throw error("Thrift structs nested too deeply") }
        fieldIDStack.append(lastFieldID)
        lastFieldID = 0
    }

    mutating func endStruct() {
        lastFieldID = fieldIDStack.popLast() ?? 0
    }

    /// The next field's id and type, or nil at the struct's stop byte.
    mutating func readFieldHeader() throws(ParquetError) -> (id: Int16, type: UInt8)? {
        let b = try readByte()
        if b == 0 { return nil }
        let type = b & 0x0F
        let delta = Int16(b >> 4)
        let id: Int16
        if delta == 0 {
            id = try readI16()
        } else {
            let (sum, overflow) = lastFieldID.addingReportingOverflow(delta)
            if overflow { throw error("field id overflows") }
            id = sum
        }
        lastFieldID = id
        return (id, type)
    }

    /// Reads a list header: element type and count, the count bounded by the bytes left
    /// (every element takes at least one byte).
    mutating func readListHeader() throws(ParquetError) -> (elementType: UInt8, count: Int) {
        let b = try readByte()
        var count = UInt64(b >> 4)
        if count == 15 { count = try readVarint() }
        guard count <= UInt64(remaining) else {
            throw error("list of \(count) elements exceeds the \(remaining) bytes left")
        }
        return (b & 0x0F, Int(count))
    }

    /// Reads a bool field's value: compact protocol keeps it in the type nibble.
    func boolValue(_ type: UInt8) throws(ParquetError) -> Bool {
        switch type {
        case ThriftType.boolTrue.rawValue: return true
        case ThriftType.boolFalse.rawValue: return false
        default: throw error("expected a bool field, found type \(type)")
        }
    }

    /// Reads a bool list element: 1 is true; 0 and 2 are false.
    mutating func readBoolElement() throws(ParquetError) -> Bool {
        try readByte() == 1
    }

    /// Skips a value of `type`, including nested structs and containers.
    mutating func skip(_ type: UInt8, depth: Int = 0) throws(ParquetError) {
        guard depth < Self.maxDepth else { throw error("Thrift values nested too deeply") }
        switch type {
        case ThriftType.boolTrue.rawValue, ThriftType.boolFalse.rawValue:
            return
        case ThriftType.byte.rawValue:
            _ = try readByte()
        case ThriftType.i16.rawValue, ThriftType.i32.rawValue, ThriftType.i64.rawValue:
            _ = try readVarint()
        case ThriftType.double.rawValue:
            _ = try readDouble()
        case ThriftType.binary.rawValue:
            let n = try readVarint()
            guard n <= UInt64(remaining) else { throw error("binary length \(n) exceeds the bytes left") }
            position += Int(n)
        case ThriftType.list.rawValue, ThriftType.set.rawValue:
            let (elementType, count) = try readListHeader()
            for _ in 0..<count {
                if elementType == ThriftType.boolTrue.rawValue || elementType == ThriftType.boolFalse.rawValue {
                    _ = try readByte()
                } else {
                    try skip(elementType, depth: depth + 1)
                }
            }
        case ThriftType.map.rawValue:
            let n = try readVarint()
            guard n <= UInt64(remaining) else { throw error("map size \(n) exceeds the bytes left") }
            if n > 0 {
                let kv = try readByte()
                for _ in 0..<n {
                    try skip(kv >> 4, depth: depth + 1)
                    try skip(kv & 0x0F, depth: depth + 1)
                }
            }
        case ThriftType.structure.rawValue:
            try beginStruct()
            while let (_, fieldType) = try readFieldHeader() {
                try skip(fieldType, depth: depth + 1)
            }
            endStruct()
        default:
            throw error("unknown Thrift type \(type)")
        }
    }
}
