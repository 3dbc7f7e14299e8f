import Foundation

/// An inclusive range of trading dates given on the command line: `2024-01-02..2024-03-28`,
/// a single `2024-03-12`, an open `2024-01-02..` / `..2024-03-28`, or relative to today
/// (New York time): `last 30 days`, `30d`, `last 4 weeks`, `6m` (months), `1y`.
struct DateRangeArgument: Equatable {
    var from: String?
    var through: String?

    /// Parses `text`; nil when it matches no accepted form.
    static func parse(_ text: String, today: String = Self.today()) -> DateRangeArgument? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let dots = trimmed.range(of: "..") {
            let start = String(trimmed[..<dots.lowerBound]), end = String(trimmed[dots.upperBound...])
            guard start.isEmpty || isDate(start), end.isEmpty || isDate(end), !(start.isEmpty && end.isEmpty) else { return nil }
            if !start.isEmpty, !end.isEmpty, start > end { return nil }
            return DateRangeArgument(from: start.isEmpty ? nil : start, through: end.isEmpty ? nil : end)
        }
        if isDate(trimmed) { return DateRangeArgument(from: trimmed, through: trimmed) }
        var words = trimmed.split(separator: " ").map(String.init)
        if words.first == "last" { words.removeFirst() }
        let count: Int, unit: String
        if words.count == 2, let n = Int(words[0]) {
            (count, unit) = (n, words[1])
        } else if words.count == 1, let n = Int(words[0].dropLast()) {
            (count, unit) = (n, String(words[0].suffix(1)))
        } else {
            return nil
        }
        let component: Calendar.Component
        var amount = count
        switch unit {
        case "d", "day", "days": component = .day
        case "w", "week", "weeks": component = .day; amount = count * 7
        case "m", "month", "months": component = .month
        case "y", "year", "years": component = .year
        default: return nil
        }
        guard count > 0, let end = date(today), let start = utc.date(byAdding: component, value: -amount, to: end) else { return nil }
        // "last 30 days" is the 30 days ending today, today included.
        let first = utc.date(byAdding: .day, value: 1, to: start) ?? start
        return DateRangeArgument(from: string(first), through: today)
    }

    static let acceptedForms = "YYYY-MM-DD..YYYY-MM-DD, YYYY-MM-DD, YYYY-MM-DD.., ..YYYY-MM-DD, 'last 30 days', 30d, 4w, 6m, 1y"

    /// Today's date in New York, where the market's days are counted.
    static func today() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/New_York") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()

    private static func isDate(_ text: String) -> Bool { date(text) != nil && text.count == 10 }

    private static func date(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10 else { return nil }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard let date = utc.date(from: components), string(date) == text else { return nil }
        return date
    }

    private static func string(_ date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}
