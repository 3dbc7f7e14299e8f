import ArgumentParser
import Foundation
import MarketCalendar

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "List NYSE sessions with their hours, early closes and, on request, holidays.",
        discussion: """
            Dates are New York dates and times are New York wall-clock times. The calendar \
            covers \(NYSECalendar.supportedRange.lowerBound) to \(NYSECalendar.supportedRange.upperBound); \
            dates after the exchange's published holiday list are projections from its rules.

            Without dates it lists the current year. --from alone runs to the end of the current \
            year (or of its own year, if later); --to alone starts on January 1 of the current \
            year (or of its own year, if earlier).

            --range accepts: \(DateRangeExpression.acceptedForms).

            Examples:
              spx-data calendar
              spx-data calendar --from 2024-01-01 --to 2024-12-31 --holidays
              spx-data calendar --range "last 30 days" --format csv
              spx-data calendar --from today --to 2026-12-31 --format json | jq '.early_closes'
            """)

    @Option(help: "First date: YYYY-MM-DD, today or yesterday.")
    var from: String?

    @Option(help: "Last date: YYYY-MM-DD, today or yesterday.")
    var to: String?

    @Option(help: "The dates as one expression, such as 'last 6 months', 'ytd' or '2024-01-01..today'.")
    var range: String?

    @Option(help: "Output format: table, json or csv.")
    var format: ReportFormat = .table

    @Flag(help: "Also list the weekdays the exchange is closed, with the holiday's name.")
    var holidays = false

    @Option(help: .hidden)
    var now: String?

    func validate() throws {
        _ = try resolvedRange()
    }

    func run() throws {
        let dates = try resolvedRange()
        let report = CalendarReport(calendar: .nyse, range: dates, includeHolidays: holidays)
        switch format {
        case .json: print(try report.json())
        case .table: print(report.table(), terminator: "")
        case .csv: print(report.csv(), terminator: "")
        }
    }

    /// The dates asked for, checked against the calendar's range.
    func resolvedRange() throws -> ClosedRange<CivilDate> {
        let today = NewYorkTime.date(at: try nowInstant())
        let dates: ClosedRange<CivilDate>
        if let range {
            guard from == nil, to == nil else {
                throw ValidationError("--range cannot be combined with --from or --to; give one or the other.")
            }
            do {
                dates = try DateRangeExpression(parsing: range).resolved(today: today)
            } catch {
                throw ValidationError("--range: \(error.message)")
            }
        } else {
            let low = try from.map { try Self.date($0, flag: "--from", today: today) }
            let high = try to.map { try Self.date($0, flag: "--to", today: today) }
            let start = low ?? CivilDate(year: Swift.min(today.year, high?.year ?? today.year), month: 1, day: 1)!
            let end = high ?? CivilDate(year: Swift.max(today.year, low?.year ?? today.year), month: 12, day: 31)!
            guard start <= end else {
                throw ValidationError("--from \(start) is after --to \(end); put the earlier date first.")
            }
            dates = start...end
        }
        for date in [dates.lowerBound, dates.upperBound] where !NYSECalendar.supportedRange.contains(date) {
            let supported = "\(NYSECalendar.supportedRange.lowerBound)..\(NYSECalendar.supportedRange.upperBound)"
            let source = range.map { "--range '\($0)' reaches \(date), which is" }
                ?? "\(date == dates.lowerBound ? (from == nil ? "the default start" : "--from") : (to == nil ? "the default end" : "--to")) \(date) is"
            throw ValidationError("\(source) outside the calendar's range \(supported).")
        }
        return dates
    }

    private static func date(_ text: String, flag: String, today: CivilDate) throws -> CivilDate {
        do {
            return try DateExpression(parsing: text).resolved(today: today)
        } catch {
            throw ValidationError("\(flag): \(error.message)")
        }
    }

    /// "Now" from the clock, or from the hidden --now (ISO 8601, for reproducible output).
    private func nowInstant() throws -> UTCInstant {
        guard let now else { return UTCInstant(secondsSince1970: Int64(Date().timeIntervalSince1970.rounded(.down))) }
        guard let date = ISO8601DateFormatter().date(from: now) else {
            throw ValidationError("--now '\(now)' is not an instant; use YYYY-MM-DDTHH:MM:SSZ, such as 2024-03-16T02:00:00Z.")
        }
        return UTCInstant(secondsSince1970: Int64(date.timeIntervalSince1970.rounded(.down)))
    }
}
