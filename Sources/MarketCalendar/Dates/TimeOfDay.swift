/// A wall-clock time in minutes, such as the 16:00 close; no date or time zone attached.
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Minutes since midnight, 0 to 1439.
    public let minutesSinceMidnight: Int

    public var hour: Int { minutesSinceMidnight / 60 }
    public var minute: Int { minutesSinceMidnight % 60 }

    /// - Precondition: `hour` is 0...23 and `minute` 0...59.
    public init(hour: Int, minute: Int = 0) {
        precondition((0...23).contains(hour) && (0...59).contains(minute), "no time \(hour):\(minute)")
        minutesSinceMidnight = hour * 60 + minute
    }

    /// Reads `HH:MM` on a 24-hour clock.
    ///
    /// - Throws: `CalendarError.Code.invalidTime` naming the text and the accepted form.
    public init(parsing text: some StringProtocol) throws(CalendarError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m)
        else {
            throw CalendarError(.invalidTime, "'\(text)' is not a time of day; use HH:MM (24-hour), such as 13:00",
                                value: String(text))
        }
        self.init(hour: h, minute: m)
    }

    /// `HH:MM`.
    public var description: String {
        ASCIIDigits.string(count: 5) { buffer in
            ASCIIDigits.write(hour, width: 2, into: buffer, at: 0)
            buffer[2] = UInt8(ascii: ":")
            ASCIIDigits.write(minute, width: 2, into: buffer, at: 3)
        }
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutesSinceMidnight < b.minutesSinceMidnight }
}
