import MarketCalendar

/// The dates a command over archived days asks for: one date, a range, or every date.
enum DateSelection {
    /// The first and last dates, `YYYY-MM-DD`; both nil for every date. Exits 64 naming the
    /// accepted forms when the text is not a date or range.
    static func bounds(date: String?, range: String?) throws -> (from: String?, through: String?) {
        if let date {
            let day = try parseDate(date)
            return (day.description, day.description)
        }
        guard let range else { return (nil, nil) }
        do {
            let dates = try DateRangeExpression(parsing: range).resolved(today: NewYorkClock.today())
            return (dates.lowerBound.description, dates.upperBound.description)
        } catch {
            printError("error: \(error)")
            throw ExitCodes.badInput
        }
    }
}
