/// A moment in time as whole seconds since 1970-01-01T00:00:00Z (leap seconds ignored, as
/// POSIX time does).
///
/// The module does no I/O and reads no clock: callers pass "now" as one of these, for example
/// `UTCInstant(secondsSince1970: Int64(Date().timeIntervalSince1970))`.
public struct UTCInstant: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    /// The instant at `time` on `date` in UTC.
    public init(_ date: CivilDate, _ time: TimeOfDay, second: Int = 0) {
        secondsSince1970 = Int64(date.daysSince1970) * 86_400 + Int64(time.minutesSinceMidnight * 60 + second)
    }

    /// The UTC calendar date this instant falls on.
    public var utcDate: CivilDate { CivilDate(daysSince1970: Int(secondsSince1970.floorDivided(by: 86_400))) }

    /// Seconds since 00:00 UTC of `utcDate`, 0 to 86,399.
    public var utcSecondOfDay: Int { Int(secondsSince1970 - Int64(utcDate.daysSince1970) * 86_400) }

    /// ISO 8601 in UTC, such as `2024-03-15T20:00:00Z`.
    public var description: String {
        let s = utcSecondOfDay
        return ASCIIDigits.string(count: 20) { buffer in
            utcDate.write(into: buffer, at: 0)
            buffer[10] = UInt8(ascii: "T")
            ASCIIDigits.write(s / 3600, width: 2, into: buffer, at: 11)
            buffer[13] = UInt8(ascii: ":")
            ASCIIDigits.write(s / 60 % 60, width: 2, into: buffer, at: 14)
            buffer[16] = UInt8(ascii: ":")
            ASCIIDigits.write(s % 60, width: 2, into: buffer, at: 17)
            buffer[19] = UInt8(ascii: "Z")
        }
    }

    public static func < (a: UTCInstant, b: UTCInstant) -> Bool { a.secondsSince1970 < b.secondsSince1970 }
}

extension Int64 {
    /// Division rounding towards negative infinity, so instants before 1970 land on the right day.
    func floorDivided(by d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
