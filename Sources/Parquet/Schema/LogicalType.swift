/// Logical annotations on physical types (Thrift `LogicalType` plus its `ConvertedType` twin).
public enum LogicalType: Sendable, Equatable, CustomStringConvertible {
    public enum TimeUnit: Sendable, Equatable, CustomStringConvertible {
        case millis, micros, nanos
        public var description: String {
            switch self {
            case .millis: "MILLIS"
            case .micros: "MICROS"
            case .nanos: "NANOS"
            }
        }
    }

    case string
    case date
    /// An instant (`isAdjustedToUTC`) or a wall-clock time, in `unit` since the epoch.
    case timestamp(isAdjustedToUTC: Bool, unit: TimeUnit)
    case time(isAdjustedToUTC: Bool, unit: TimeUnit)
    /// A signed or unsigned integer of 8, 16, 32 or 64 bits.
    case integer(bitWidth: Int8, isSigned: Bool)
    case decimal(precision: Int32, scale: Int32)
    case json
    case bson
    case uuid
    case enumeration
    /// A logical type this implementation does not know: the column reads as its physical type.
    case unknown

    public var description: String {
        switch self {
        case .string: "STRING"
        case .date: "DATE"
        case .timestamp(let utc, let unit): "TIMESTAMP(\(unit), \(utc ? "UTC" : "local"))"
        case .time(let utc, let unit): "TIME(\(unit), \(utc ? "UTC" : "local"))"
        case .integer(let bits, let signed): "\(signed ? "INT" : "UINT")(\(bits))"
        case .decimal(let p, let s): "DECIMAL(\(p), \(s))"
        case .json: "JSON"
        case .bson: "BSON"
        case .uuid: "UUID"
        case .enumeration: "ENUM"
        case .unknown: "UNKNOWN"
        }
    }

    /// Whether min/max statistics compare as unsigned (UINT_x); byte arrays always do.
    var sortsUnsigned: Bool {
        if case .integer(_, false) = self { return true }
        return false
    }
}

/// Thrift `ConvertedType` values, written beside the logical type for old readers.
enum ConvertedType: Int32 {
    case utf8 = 0, map = 1, mapKeyValue = 2, list = 3, enumeration = 4, decimal = 5, date = 6
    case timeMillis = 7, timeMicros = 8, timestampMillis = 9, timestampMicros = 10
    case uint8 = 11, uint16 = 12, uint32 = 13, uint64 = 14
    case int8 = 15, int16 = 16, int32 = 17, int64 = 18
    case json = 19, bson = 20, interval = 21
}
