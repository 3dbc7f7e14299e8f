import Foundation
import Parquet

/// The canonical JSON form of a table shared with the Python interop suite
/// (tests/interop/README.md): physical values, floats as hex bit patterns, bytes as hex.
struct TableSpec: Decodable {
    struct Logical: Decodable {
        var type: String
        var unit: String?
        var utc: Bool?
        var bits: Int8?
        var signed: Bool?
        var precision: Int32?
        var scale: Int32?
    }

    struct Column: Decodable {
        var name: String
        var physical: String
        var type_length: Int32?
        var optional: Bool
        var logical: Logical?
        var encoding: String?
        var values: [JSONScalar]
    }

    struct Options: Decodable {
        var codec: String?
        var level: Int32?
        var page_version: Int?
        var row_group_rows: Int?
        var page_rows: Int?
        var dictionary_limit: Int?
    }

    var columns: [Column]
    var options: Options?
    var metadata: [String: String]?
}

enum JSONScalar: Decodable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .int(i) }
        else { self = .string(try c.decode(String.self)) }
    }
}

struct SpecError: Error, CustomStringConvertible {
    var description: String
}

extension TableSpec.Logical {
    func logicalType() throws -> LogicalType {
        func unitValue() throws -> LogicalType.TimeUnit {
            switch unit {
            case "MILLIS": return .millis
            case "MICROS": return .micros
            case "NANOS": return .nanos
            default: throw SpecError(description: "unknown time unit \(unit ?? "nil")")
            }
        }
        switch type {
        case "STRING": return .string
        case "DATE": return .date
        case "TIMESTAMP": return .timestamp(isAdjustedToUTC: utc ?? true, unit: try unitValue())
        case "INTEGER": return .integer(bitWidth: bits ?? 32, isSigned: signed ?? true)
        case "DECIMAL": return .decimal(precision: precision ?? 0, scale: scale ?? 0)
        default: throw SpecError(description: "unknown logical type \(type)")
        }
    }
}

extension TableSpec.Column {
    func descriptor() throws -> ColumnDescriptor {
        guard let type = PhysicalType.allCases.first(where: { $0.description == physical }) else {
            throw SpecError(description: "unknown physical type \(physical)")
        }
        return ColumnDescriptor(
            name, type, optional ? .optional : .required, logicalType: try logical?.logicalType(), typeLength: type_length)
    }

    func batch(_ type: PhysicalType) throws -> ColumnBatch {
        var validity: [Bool] = []
        var values = ColumnValues.empty(type)
        var bools: [Bool] = [], i32: [Int32] = [], i64: [Int64] = [], f32: [Float] = [], f64: [Double] = []
        var bytes = ByteArrayColumn()
        for (row, v) in values_.enumerated() {
            func bad() -> SpecError { SpecError(description: "column \(name) row \(row): value does not fit \(physical)") }
            if case .null = v {
                validity.append(false)
                continue
            }
            validity.append(true)
            switch (type, v) {
            case (.boolean, .bool(let b)): bools.append(b)
            case (.int32, .int(let n)):
                guard let x = Int32(exactly: n) else { throw bad() }
                i32.append(x)
            case (.int64, .int(let n)): i64.append(n)
            case (.float, .string(let s)):
                guard let bits = UInt32(s.dropFirst(2), radix: 16) else { throw bad() }
                f32.append(Float(bitPattern: bits))
            case (.double, .string(let s)):
                guard let bits = UInt64(s.dropFirst(2), radix: 16) else { throw bad() }
                f64.append(Double(bitPattern: bits))
            case (.byteArray, .string(let s)), (.fixedLenByteArray, .string(let s)):
                guard let b = Hex.decode(s) else { throw bad() }
                bytes.append(b)
            default: throw bad()
            }
        }
        switch type {
        case .boolean: values = .boolean(bools)
        case .int32: values = .int32(i32)
        case .int64: values = .int64(i64)
        case .float: values = .float(f32)
        case .double: values = .double(f64)
        case .byteArray: values = .byteArray(bytes)
        case .fixedLenByteArray: values = .fixedLenByteArray(bytes)
        case .int96: throw SpecError(description: "INT96 is not writable")
        }
        return ColumnBatch(values, validity: validity.allSatisfy { $0 } ? nil : validity)
    }

    private var values_: [JSONScalar] { values }
}

enum Hex {
    static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ s: String) -> [UInt8]? {
        let u = Array(s.utf8)
        guard u.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(u.count / 2)
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var i = 0
        while i < u.count {
            guard let hi = nibble(u[i]), let lo = nibble(u[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}
