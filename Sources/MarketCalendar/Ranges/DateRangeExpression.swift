/// A range of days as a user writes it: one day, `last 30 days`, `ytd`, or `FROM..TO`.
///
/// Every form resolves to a closed range of New York dates relative to a "now" the caller
/// passes; the module reads no clock.
///
/// | form | range (both ends included) |
/// |---|---|
/// | `2024-03-15`, `today`, `yesterday` | that one day |
/// | `last N days` | the N days ending today: `last 1 day` is today |
/// | `last N weeks` | the 7·N days ending today |
/// | `last N months`, `last N years` | from the day after today's date N months (years) ago, through today |
/// | `ytd`, `mtd` | January 1 (the 1st of this month) through today |
/// | `FROM..TO` | each end `YYYY-MM-DD`, `today` or `yesterday`: `2024-01-01..today` |
public enum DateRangeExpression: Sendable, Hashable, CustomStringConvertible {
    public enum Unit: String, Sendable, CaseIterable {
        case days, weeks, months, years
    }

    case single(DateExpression)
    case last(Int, Unit)
    case yearToDate
    case monthToDate
    case between(DateExpression, DateExpression)

    /// The forms `init(parsing:)` accepts, for messages.
    public static let acceptedForms = "YYYY-MM-DD, today, yesterday, last N days|weeks|months|years "
        + "(such as last 30 days), ytd, mtd, or FROM..TO with each end YYYY-MM-DD, today or yesterday "
        + "(such as 2024-01-01..2024-03-31)"

    /// The largest N in `last N ...`; larger counts reach before any supported date anyway.
    public static let maximumCount = 100_000

    /// Reads any of the accepted forms (any case, extra spaces ignored).
    ///
    /// - Throws: `CalendarError.Code.invalidRange` naming the text, what is wrong with it when
    ///   that is known, and every accepted form.
    public init(parsing text: some StringProtocol) throws(CalendarError) {
        let shown = String(text)
        func failure(_ reason: String) -> CalendarError {
            CalendarError(.invalidRange, "\(reason); accepted forms: \(Self.acceptedForms)", value: shown)
        }
        let words = text.lowercased().split(whereSeparator: \.isWhitespace)
        let joined = words.joined(separator: " ")
        if joined.isEmpty { throw failure("an empty date range") }

        let parts = joined.split(separator: "..", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2 {
            var ends: [DateExpression] = []
            for end in parts {
                let trimmed = end.trimmingSpaces()
                guard !trimmed.isEmpty else { throw failure("'\(shown)' is not a date range: an end is missing") }
                guard let expression = try? DateExpression(parsing: trimmed) else {
                    throw failure("'\(shown)' is not a date range: '\(trimmed)' is not a date")
                }
                ends.append(expression)
            }
            self = .between(ends[0], ends[1])
            return
        }
        switch joined {
        case "ytd": self = .yearToDate; return
        case "mtd": self = .monthToDate; return
        default: break
        }
        if words.first == "last" {
            guard words.count == 3, let count = Int(words[1]) else {
                throw failure("'\(shown)' is not a date range: write last, a number and a unit, such as last 30 days")
            }
            guard (1...Self.maximumCount).contains(count) else {
                throw failure("'\(shown)' is not a date range: the count must be 1 to \(Self.maximumCount)")
            }
            let unitWord = words[2].hasSuffix("s") ? String(words[2]) : words[2] + "s"
            guard let unit = Unit(rawValue: unitWord) else {
                throw failure("'\(shown)' is not a date range: '\(words[2])' is not days, weeks, months or years")
            }
            self = .last(count, unit)
            return
        }
        do {
            self = .single(try DateExpression(parsing: joined))
        } catch {
            throw failure(joined.first?.isNumber == true
                ? error.message.prefix { $0 != ";" }.description : "'\(shown)' is not a date range")
        }
    }

    /// The dates this expression names when New York's date is `today`.
    ///
    /// - Throws: `CalendarError.Code.invalidRange` when `FROM..TO` starts after it ends, or
    ///   `last N ...` reaches before year 1.
    public func resolved(today: CivilDate) throws(CalendarError) -> ClosedRange<CivilDate> {
        switch self {
        case .single(let day):
            let date = day.resolved(today: today)
            return date...date
        case .yearToDate:
            return CivilDate(year: today.year, month: 1, day: 1)!...today
        case .monthToDate:
            return today.firstOfMonth...today
        case .last(let count, let unit):
            let firstDay = CivilDate.dayNumber(year: 1, month: 1, day: 1)
            let start: Int? = switch unit {
            case .days: today.daysSince1970 - (count - 1)
            case .weeks: today.daysSince1970 - (7 * count - 1)
            case .months, .years:
                // The same date N months back (clamped to the month's end), then the day after.
                today.year * 12 + today.month - 1 - count * (unit == .years ? 12 : 1) >= 12
                    ? today.adding(months: -count * (unit == .years ? 12 : 1)).daysSince1970 + 1 : nil
            }
            guard let start, start >= firstDay else {
                throw CalendarError(.invalidRange, "'\(self)' reaches before year 1", value: description)
            }
            return CivilDate(daysSince1970: start)...today
        case .between(let from, let to):
            let low = from.resolved(today: today), high = to.resolved(today: today)
            guard low <= high else {
                throw CalendarError(.invalidRange, "'\(self)' starts (\(low)) after it ends (\(high)); put the earlier date first",
                                    value: description)
            }
            return low...high
        }
    }

    /// The dates this expression names at instant `now`, in New York time.
    public func resolved(now: UTCInstant) throws(CalendarError) -> ClosedRange<CivilDate> {
        try resolved(today: NewYorkTime.date(at: now))
    }

    public var description: String {
        switch self {
        case .single(let day): day.description
        case .last(let count, let unit): "last \(count) \(count == 1 ? String(unit.rawValue.dropLast()) : unit.rawValue)"
        case .yearToDate: "ytd"
        case .monthToDate: "mtd"
        case .between(let from, let to): "\(from)..\(to)"
        }
    }
}
