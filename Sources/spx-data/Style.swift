import Foundation

/// Terminal colour, used only when standard output is a terminal, the format is a table and
/// `NO_COLOR` is not set (https://no-color.org).
struct Style {
    enum Tone: String {
        case good = "32", bad = "31", warn = "33", dim = "2"
    }

    let isEnabled: Bool

    static let plain = Style(isEnabled: false)

    static func forOutput(_ format: ReportFormat) -> Style {
        Style(isEnabled: format == .table && isatty(STDOUT_FILENO) == 1
              && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
    }

    func paint(_ text: String, _ tone: Tone?) -> String {
        guard isEnabled, let tone else { return text }
        return "\u{1B}[\(tone.rawValue)m\(text)\u{1B}[0m"
    }

    /// Colours whole data lines of a rendered table (headers and rule stay plain), so column
    /// alignment computed on the plain text is kept.
    func colourTable(_ text: String, rows: [[Cell]], highlight: (Int, Cell) -> Tone?) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, row) in rows.enumerated() where index + 2 < lines.count {
            var tone: Tone?
            for (column, cell) in row.enumerated() where tone == nil { tone = highlight(column, cell) }
            lines[index + 2] = paint(lines[index + 2], tone)
        }
        return lines.joined(separator: "\n")
    }
}
