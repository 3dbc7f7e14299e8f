/// One day as a user writes it on the command line: `YYYY-MM-DD`, `today` or `yesterday`.
///
/// `today` and `yesterday` are New York dates at the instant the caller passes as "now", so
/// 2024-03-16T02:00Z is still `today` = 2024-03-15.
public enum DateExpression: Sendable, Hashable, CustomStringConvertible {
    case date(CivilDate)
    case today
    case yesterday

    /// The forms `init(parsing:)` accepts, for messages.
    public static let acceptedForms = "YYYY-MM-DD (such as 2024-03-15), today or yesterday"

    /// Reads `YYYY-MM-DD`, `today` or `yesterday` (any case, surrounding spaces ignored).
    ///
    /// - Throws: `CalendarError.Code.invalidDate` naming the text and the accepted forms.
    public init(parsing text: some StringProtocol) throws(CalendarError) {
        let word = text.trimmingSpaces().lowercased()
        switch word {
        case "today": self = .today
        case "yesterday": self = .yesterday
        default:
            do {
                self = .date(try CivilDate(parsing: word))
            } catch {
                let looksLikeDate = word.first?.isNumber == true
                // Keep CivilDate's reason (which component is wrong), not its own list of forms.
                let reason = looksLikeDate ? String(error.message.prefix { $0 != ";" }) : "'\(text)' is not a date"
                throw CalendarError(.invalidDate, "\(reason); accepted: \(Self.acceptedForms)", value: String(text))
            }
        }
    }

    /// The date this expression names when New York's date is `today`.
    public func resolved(today: CivilDate) -> CivilDate {
        switch self {
        case .date(let date): date
        case .today: today
        case .yesterday: today.advanced(by: -1)
        }
    }

    /// The date this expression names at instant `now`, in New York time.
    public func resolved(now: UTCInstant) -> CivilDate { resolved(today: NewYorkTime.date(at: now)) }

    public var description: String {
        switch self {
        case .date(let date): date.description
        case .today: "today"
        case .yesterday: "yesterday"
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    func trimmingSpaces() -> Substring {
        let s = Substring(self)
        guard let first = s.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = s.lastIndex(where: { !$0.isWhitespace })!
        return s[first...last]
    }
}
