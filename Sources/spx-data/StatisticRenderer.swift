import Parquet

/// Turns a statistics bound (PLAIN bytes of one value) into readable text for its column.
enum StatisticRenderer {
    static func render(_ bytes: [UInt8], _ column: ColumnDescriptor) -> String {
        func load<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard bytes.count == MemoryLayout<T>.size else { return nil }
            return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(as: T.self)) }
        }
        switch column.physicalType {
        case .boolean: return bytes.first == 1 ? "true" : "false"
        case .int32:
            guard let v = load(Int32.self) else { break }
            switch column.logicalType {
            case .date?: return DisplayDate.string(daysSinceEpoch: Int64(v))
            case .integer(_, false)?: return String(UInt32(bitPattern: v))
            case .decimal(_, let scale)?: return decimal(Int64(v), scale: Int(scale))
            default: return String(v)
            }
        case .int64:
            guard let v = load(Int64.self) else { break }
            switch column.logicalType {
            case .timestamp(let utc, let unit)?: return DisplayDate.timestamp(v, unit: unit, utc: utc)
            case .integer(_, false)?: return String(UInt64(bitPattern: v))
            case .decimal(_, let scale)?: return decimal(v, scale: Int(scale))
            default: return String(v)
            }
        case .float:
            guard let v = load(UInt32.self) else { break }
            return "\(Float(bitPattern: v))"
        case .double:
            guard let v = load(UInt64.self) else { break }
            return "\(Double(bitPattern: v))"
        case .byteArray where column.logicalType == .string || column.logicalType == .json:
            return String(decoding: bytes, as: UTF8.self)
        default: break
        }
        return "0x" + bytes.map { b in String(b >> 4, radix: 16) + String(b & 15, radix: 16) }.joined()
    }

    static func decimal(_ unscaled: Int64, scale: Int) -> String {
        guard scale > 0 else { return String(unscaled) }
        let digits = String(unscaled.magnitude)
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -scale)
        return (unscaled < 0 ? "-" : "") + padded[..<cut] + "." + padded[cut...]
    }
}

/// Proleptic Gregorian dates from day counts, for display (no time zone database needed).
enum DisplayDate {
    static func string(daysSinceEpoch days: Int64) -> String {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return "\(y)-\(two(m))-\(two(d))"
    }

    static func timestamp(_ value: Int64, unit: LogicalType.TimeUnit, utc: Bool) -> String {
        let perSecond: Int64 = unit == .millis ? 1_000 : unit == .micros ? 1_000_000 : 1_000_000_000
        var seconds = value / perSecond
        var fraction = value % perSecond
        if fraction < 0 {
            seconds -= 1
            fraction += perSecond
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            days -= 1
            secondOfDay += 86_400
        }
        let digits = unit == .millis ? 3 : unit == .micros ? 6 : 9
        let frac = String(fraction)
        let fracText = String(repeating: "0", count: digits - frac.count) + frac
        return "\(string(daysSinceEpoch: days))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)).\(fracText)\(utc ? "Z" : "")"
    }

    private static func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
