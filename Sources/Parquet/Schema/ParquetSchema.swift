/// Whether a flat column may hold nulls.
public enum Repetition: Int32, Sendable, Equatable, CustomStringConvertible {
    case required = 0
    case optional = 1
    /// Repeated fields mean nesting; the reader rejects them with `.unsupported`.
    case repeated = 2

    public var description: String {
        switch self {
        case .required: "REQUIRED"
        case .optional: "OPTIONAL"
        case .repeated: "REPEATED"
        }
    }
}

/// One leaf column of a flat schema.
public struct ColumnDescriptor: Sendable, Equatable {
    public var name: String
    public var physicalType: PhysicalType
    public var repetition: Repetition
    public var logicalType: LogicalType?
    /// Width in bytes of a FIXED_LEN_BYTE_ARRAY value; nil for other types.
    public var typeLength: Int32?

    public init(
        _ name: String, _ physicalType: PhysicalType, _ repetition: Repetition = .required,
        logicalType: LogicalType? = nil, typeLength: Int32? = nil
    ) {
        self.name = name
        self.physicalType = physicalType
        self.repetition = repetition
        self.logicalType = logicalType
        self.typeLength = typeLength
    }

    public var isOptional: Bool { repetition == .optional }
    /// Maximum definition level: 1 for an optional flat column, else 0.
    var maxDefinitionLevel: Int { isOptional ? 1 : 0 }

    /// Statistics and page-index bounds compare as unsigned bytes / unsigned integers.
    var sortsUnsigned: Bool {
        switch physicalType {
        case .byteArray, .fixedLenByteArray: true
        default: logicalType?.sortsUnsigned ?? false
        }
    }

    /// Checks that the logical annotation fits the physical type, as readers will expect.
    func validate() throws(ParquetError) {
        func bad(_ why: String) -> ParquetError {
            ParquetError(.invalidArgument, "column '\(name)': \(why)", at: .init(column: name))
        }
        if name.isEmpty { throw bad("a column needs a non-empty name") }
        if repetition == .repeated { throw bad("REPEATED columns (nested data) are not supported; use REQUIRED or OPTIONAL") }
        if physicalType == .int96 { throw bad("INT96 is deprecated and not written; use INT64 with a TIMESTAMP logical type") }
        if physicalType == .fixedLenByteArray {
            guard let typeLength, typeLength > 0 else { throw bad("FIXED_LEN_BYTE_ARRAY needs a positive typeLength") }
        } else if typeLength != nil {
            throw bad("typeLength applies only to FIXED_LEN_BYTE_ARRAY")
        }
        guard let logicalType else { return }
        switch (logicalType, physicalType) {
        case (.string, .byteArray), (.json, .byteArray), (.bson, .byteArray), (.enumeration, .byteArray),
             (.date, .int32), (.timestamp, .int64), (.time(_, .millis), .int32),
             (.time(_, .micros), .int64), (.time(_, .nanos), .int64), (.unknown, _):
            return
        case (.uuid, .fixedLenByteArray):
            if typeLength != 16 { throw bad("UUID needs FIXED_LEN_BYTE_ARRAY of length 16") }
        case (.integer(let bits, _), .int32) where [8, 16, 32].contains(bits):
            return
        case (.integer(64, _), .int64):
            return
        case (.decimal(let p, let s), _):
            let maxPrecision: Int32
            switch physicalType {
            case .int32: maxPrecision = 9
            case .int64: maxPrecision = 18
            case .fixedLenByteArray: maxPrecision = Self.maxDecimalPrecision(bytes: typeLength ?? 0)
            case .byteArray: maxPrecision = Int32.max
            default: throw bad("DECIMAL needs INT32, INT64, FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY, not \(physicalType)")
            }
            guard p >= 1, p <= maxPrecision, s >= 0, s <= p else {
                throw bad("DECIMAL(\(p), \(s)) does not fit \(physicalType): precision must be 1...\(maxPrecision) and scale 0...precision")
            }
        default:
            throw bad("logical type \(logicalType) cannot annotate \(physicalType)")
        }
    }

    /// Largest decimal precision a signed big-endian integer of `bytes` bytes can hold.
    static func maxDecimalPrecision(bytes: Int32) -> Int32 {
        guard bytes > 0 else { return 0 }
        // floor(log10(2^(8n-1) - 1))
        let bits = Double(8 * Int(bytes) - 1)
        return Int32((bits * 0.30102999566398120).rounded(.down))
    }
}

/// A flat Parquet schema: a root with leaf columns only.
public struct ParquetSchema: Sendable, Equatable {
    public var columns: [ColumnDescriptor]

    public init(_ columns: [ColumnDescriptor]) { self.columns = columns }

    public func index(of name: String) -> Int? { columns.firstIndex { $0.name == name } }

    func validate() throws(ParquetError) {
        guard !columns.isEmpty else {
            throw ParquetError(.invalidArgument, "a schema needs at least one column")
        }
        var seen = Set<String>()
        for column in columns {
            try column.validate()
            guard seen.insert(column.name).inserted else {
                throw ParquetError(.invalidArgument, "column name '\(column.name)' appears twice; names must be unique")
            }
        }
    }
}
