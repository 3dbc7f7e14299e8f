/// A line of NDJSON that could not be read or decoded, with where and why.
///
/// `description` reads like `line 17, field "strike" (byte 42): expected an int32 integer,
/// found "51.5"`.
public struct NDJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem, for callers that react differently to each.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case malformedJSON, missingField, typeMismatch, outOfRange, duplicateField, unknownField, lineTooLong, io
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The line is not one well-formed JSON object (syntax, bad escapes, invalid UTF-8,
        /// text after the object, a truncated line).
        public static let malformedJSON = Code(.malformedJSON)
        /// A key of a non-nullable column is absent.
        public static let missingField = Code(.missingField)
        /// A value has the wrong JSON type for its column (a number for a string, `null` for
        /// a non-nullable column, a fraction for an integer).
        public static let typeMismatch = Code(.typeMismatch)
        /// An integer does not fit its column's width.
        public static let outOfRange = Code(.outOfRange)
        /// A key appears twice in one line.
        public static let duplicateField = Code(.duplicateField)
        /// A key outside the schema, when such keys are rejected.
        public static let unknownField = Code(.unknownField)
        /// A line longer than the reader's limit.
        public static let lineTooLong = Code(.lineTooLong)
        /// The file could not be opened or read.
        public static let io = Code(.io)

        /// The code's name, such as `typeMismatch`.
        public var description: String { value.rawValue }
    }

    /// The kind of problem.
    public var code: Code
    /// What went wrong and what was expected, without the position.
    public var message: String
    /// 1-based line number in the input; 0 when the problem concerns no line (opening a file).
    public var line: Int
    /// The column (key) the problem concerns, when there is one.
    public var field: String?
    /// 1-based byte position in the line, when there is one.
    public var column: Int?
    /// The file, when one conversion reads several.
    public var path: String?

    /// An error of kind `code`; `line` 0 when it concerns no line.
    public init(_ code: Code, _ message: String, line: Int, field: String? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.field = field
        self.column = column
    }

    /// The position (line, field, byte) followed by the message.
    public var description: String {
        guard line > 0 else { return message }
        var location = path.map { "\($0), line \(line)" } ?? "line \(line)"
        if let field { location += ", field \"\(field)\"" }
        if let column { location += " (byte \(column))" }
        return "\(location): \(message)"
    }
}
