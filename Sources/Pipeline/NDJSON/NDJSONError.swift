/// A line of NDJSON that could not be decoded, with where and why.
public struct NDJSONError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case malformedJSON, missingField, typeMismatch, outOfRange, duplicateField, unknownField, lineTooLong, io
        }
        private let value: Value
        private init(_ v: Value) { value = v }
        public static let malformedJSON = Code(.malformedJSON)
        public static let missingField = Code(.missingField)
        public static let typeMismatch = Code(.typeMismatch)
        public static let outOfRange = Code(.outOfRange)
        public static let duplicateField = Code(.duplicateField)
        public static let unknownField = Code(.unknownField)
        public static let lineTooLong = Code(.lineTooLong)
        public static let io = Code(.io)
        public var description: String { value.rawValue }
    }

    public var code: Code
    public var message: String
    /// 1-based line number in the file.
    public var line: Int
    /// The column the problem concerns, when there is one.
    public var field: String?
    /// 1-based byte position in the line.
    public var column: Int?

    public init(_ code: Code, _ message: String, line: Int, field: String? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.field = field
        self.column = column
    }

    public var description: String {
        if line == 0 { return message }
        var where_ = "line \(line)"
        if let field { where_ += ", field \"\(field)\"" }
        if let column { where_ += " (byte \(column))" }
        return "\(where_): \(message)"
    }
}
