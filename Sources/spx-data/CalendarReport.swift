import Foundation
import MarketCalendar

/// What `spx-data calendar` prints for a range: the sessions with their hours, the early
/// closes and, when asked, the closed weekdays.
struct CalendarReport {
    var range: ClosedRange<CivilDate>
    var sessions: [Session]
    var holidays: [Holiday]?

    init(calendar: NYSECalendar, range: ClosedRange<CivilDate>, includeHolidays: Bool) {
        self.range = range
        sessions = Array(calendar.sessions(in: range))
        holidays = includeHolidays ? calendar.holidays(in: range) : nil
    }

    /// The JSON document: snake_case keys, dates as `YYYY-MM-DD`, times as New York `HH:MM`.
    struct Document: Encodable {
        var from: String
        var to: String
        var time_zone = "America/New_York"
        var session_count: Int
        var sessions: [String]
        var early_closes: [String: String]
        var holidays: [String: String]?
    }

    func json() throws -> String {
        var earlyCloses: [String: String] = [:]
        for session in sessions where session.isEarlyClose { earlyCloses[session.date.description] = session.close.description }
        let document = Document(
            from: range.lowerBound.description, to: range.upperBound.description, session_count: sessions.count,
            sessions: sessions.map(\.date.description), early_closes: earlyCloses,
            holidays: holidays.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.date.description, $0.name) }) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    /// One row per session and, when asked, per closed weekday, in date order.
    private enum Row {
        case session(Session)
        case closed(Holiday)

        var date: CivilDate {
            switch self {
            case .session(let s): s.date
            case .closed(let h): h.date
            }
        }
    }

    private var rows: [Row] {
        guard let holidays else { return sessions.map(Row.session) }
        return (sessions.map(Row.session) + holidays.map(Row.closed)).sorted { $0.date < $1.date }
    }

    func table() -> String {
        let cells: [[String]] = rows.map { row in
            switch row {
            case .session(let s):
                [s.date.description, s.date.weekday.shortName, s.open.description, s.close.description,
                 s.isEarlyClose ? "yes" : "", s.earlyClose?.reason ?? ""]
            case .closed(let h):
                [h.date.description, h.date.weekday.shortName, "-", "-", "", "closed: \(h.name)"]
            }
        }
        let earlyCount = sessions.filter(\.isEarlyClose).count
        var summary = "\(sessions.count) session\(sessions.count == 1 ? "" : "s"), \(earlyCount) early close\(earlyCount == 1 ? "" : "s")"
        if let holidays { summary += ", \(holidays.count) closed weekday\(holidays.count == 1 ? "" : "s")" }
        summary += " from \(range.lowerBound) to \(range.upperBound); times are New York (America/New_York)\n"
        return TextTable(headers: ["date", "day", "open", "close", "early", "note"], rows: cells).render() + summary
    }

    func csv() -> String {
        var out = CSV.line(["date", "weekday", "status", "open", "close", "open_utc", "close_utc", "early_close", "note"])
        for row in rows {
            switch row {
            case .session(let s):
                out += CSV.line([s.date.description, s.date.weekday.shortName, "session", s.open.description,
                                 s.close.description, s.openInstant.description, s.closeInstant.description,
                                 s.isEarlyClose ? "true" : "false", s.earlyClose?.reason ?? ""])
            case .closed(let h):
                out += CSV.line([h.date.description, h.date.weekday.shortName, "closed", "", "", "", "", "false", h.name])
            }
        }
        return out
    }
}
