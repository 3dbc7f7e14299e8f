extension CivilDate: LosslessStringConvertible, CustomDebugStringConvertible {
    /// Reads an ISO 8601 calendar date, exactly `YYYY-MM-DD` (four-digit year, two-digit
    /// month and day).
    ///
    /// - Throws: `CalendarError.Code.invalidDate` naming the text, the accepted form and,
    ///   when the shape is right, which component names no day.
    public init(parsing text: some StringProtocol) throws(CalendarError) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for b in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) else { return nil }
                value = value * 10 + Int(b - UInt8(ascii: "0"))
            }
            return value
        }
        let shown = String(text)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
        else {
            throw CalendarError(.invalidDate, "'\(shown)' is not a date; use YYYY-MM-DD, such as 2024-03-15", value: shown)
        }
        guard let date = CivilDate(year: year, month: month, day: day) else {
            let why = !(1...12).contains(month) ? "month \(month) does not exist"
                : year == 0 ? "year 0000 does not exist"
                : "\(year)-\(CivilDate.twoDigits(month)) has \(CivilDate.daysIn(month: month, year: year)) days"
            throw CalendarError(.invalidDate, "'\(shown)' is not a date: \(why); use YYYY-MM-DD, such as 2024-03-15",
                                value: shown)
        }
        self = date
    }

    /// Reads `YYYY-MM-DD`; nil for anything else.
    public init?(_ description: String) {
        guard let date = try? CivilDate(parsing: description) else { return nil }
        self = date
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        ASCIIDigits.string(count: 10) { write(into: $0, at: 0) }
    }

    /// Writes the 10 bytes of `YYYY-MM-DD` at `offset`.
    func write(into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        ASCIIDigits.write(year, width: 4, into: buffer, at: offset)
        buffer[offset + 4] = UInt8(ascii: "-")
        ASCIIDigits.write(month, width: 2, into: buffer, at: offset + 5)
        buffer[offset + 7] = UInt8(ascii: "-")
        ASCIIDigits.write(day, width: 2, into: buffer, at: offset + 8)
    }

    public var debugDescription: String { description }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}

extension CivilDate: Codable {
    /// Decodes the `YYYY-MM-DD` string form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try CivilDate(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes the `YYYY-MM-DD` string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
