/// Writes the subset of Thrift's compact protocol that Parquet metadata uses.
///
/// Field ids are written as deltas within a struct, so callers bracket every struct with
/// `beginStruct()` / `endStruct()`; the previous-id stack is what makes nested structs
/// restore their parent's numbering.
struct ThriftCompactWriter {
    private(set) var bytes: [UInt8] = []
    private var lastFieldID: Int16 = 0
    private var fieldIDStack: [Int16] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    mutating func beginStruct() {
        fieldIDStack.append(lastFieldID)
        lastFieldID = 0
    }

    mutating func endStruct() {
        bytes.append(0)  // stop field
        lastFieldID = fieldIDStack.popLast() ?? 0
    }

    private mutating func fieldHeader(_ id: Int16, _ type: ThriftType) {
        let delta = Int(id) - Int(lastFieldID)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta << 4) | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeVarint(zigzag(Int64(id)))
        }
        lastFieldID = id
    }

    mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private func zigzag(_ n: Int64) -> UInt64 { UInt64(bitPattern: (n << 1) ^ (n >> 63)) }

    mutating func field(_ id: Int16, bool value: Bool) {
        fieldHeader(id, value ? .boolTrue : .boolFalse)
    }

    mutating func field(_ id: Int16, i32 value: Int32) {
        fieldHeader(id, .i32)
        writeVarint(zigzag(Int64(value)))
    }

    mutating func field(_ id: Int16, i16 value: Int16) {
        fieldHeader(id, .i16)
        writeVarint(zigzag(Int64(value)))
    }

    mutating func field(_ id: Int16, i8 value: Int8) {
        fieldHeader(id, .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    mutating func field(_ id: Int16, i64 value: Int64) {
        fieldHeader(id, .i64)
        writeVarint(zigzag(value))
    }

    mutating func field(_ id: Int16, binary value: [UInt8]) {
        fieldHeader(id, .binary)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func field(_ id: Int16, string value: String) {
        field(id, binary: Array(value.utf8))
    }

    /// Starts a struct-typed field; the caller writes its fields and calls `endStruct()`.
    mutating func beginField(_ id: Int16, structOf: Void = ()) {
        fieldHeader(id, .structure)
        beginStruct()
    }

    /// Starts a list-typed field of `count` elements of `elementType`.
    mutating func beginList(_ id: Int16, elementType: ThriftType, count: Int) {
        fieldHeader(id, .list)
        listHeader(elementType: elementType, count: count)
    }

    mutating func listHeader(elementType: ThriftType, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count << 4) | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    // List elements carry no field header.
    mutating func element(i32 value: Int32) { writeVarint(zigzag(Int64(value))) }
    mutating func element(i64 value: Int64) { writeVarint(zigzag(value)) }
    mutating func element(binary value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }
    mutating func element(string value: String) { element(binary: Array(value.utf8)) }
    /// Bool list elements are one byte each: 1 true, 2 false (what arrow C++ and parquet-java write).
    mutating func element(bool value: Bool) { bytes.append(value ? 1 : 2) }
}

/// Compact-protocol type nibbles.
enum ThriftType: UInt8 {
    case stop = 0
    case boolTrue = 1
    case boolFalse = 2
    case byte = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case structure = 12
}
