/// The one error type of the `MarketCalendar` module.
///
/// `code` says what kind of failure it is (callers branch on it, never on the text);
/// `message` names the offending value and the accepted form or range, ready to show a user;
/// `value` keeps the offending input as data.
public struct CalendarError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case invalidDate, invalidTime, invalidRange, outOfRange
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// Text that is not a `YYYY-MM-DD` date, or names no day (2023-02-29).
        public static let invalidDate = Code(.invalidDate)
        /// Text that is not an `HH:MM` time of day.
        public static let invalidTime = Code(.invalidTime)
        /// A range expression that cannot be read, or whose start is after its end.
        public static let invalidRange = Code(.invalidRange)
        /// A date the calendar does not cover.
        public static let outOfRange = Code(.outOfRange)

        public var description: String { value.rawValue }
    }

    public var code: Code
    /// What failed, with the value and what would have been accepted.
    public var message: String
    /// The offending input as given.
    public var value: String

    public init(_ code: Code, _ message: String, value: String) {
        self.code = code
        self.message = message
        self.value = value
    }

    public var description: String { message }
}
