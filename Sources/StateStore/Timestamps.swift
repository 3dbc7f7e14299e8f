public import Foundation

/// The text forms the ledger stores: dates as `YYYY-MM-DD`, instants as ISO-8601 UTC
/// (`2024-03-12T14:03:07Z`). Text keeps the file readable with the sqlite3 shell and sorts
/// chronologically as plain strings, which the indexes rely on.
public enum Timestamps {
    /// An instant as ISO-8601 UTC with second precision.
    public static func string(from date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }

    /// The current instant as stored text.
    public static func now() -> String { string(from: Date()) }

    /// Parses a stored ISO-8601 instant; nil when the text is not one.
    public static func date(from text: String) -> Date? {
        try? Date.ISO8601FormatStyle(timeZone: .gmt).parse(text)
    }

    /// True when `text` is a real calendar date written `YYYY-MM-DD`.
    public static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }
}
