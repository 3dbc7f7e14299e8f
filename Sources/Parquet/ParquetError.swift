/// The one error type of the `Parquet` module.
///
/// `code` says what kind of failure it is (callers branch on it, never on the text);
/// `message` says what failed and where (offset, column, row group) and, where there is
/// one, the fix. Context values are kept as data so tools can show them.
public struct ParquetError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case notParquet, truncated, corruptMetadata, corruptPage, checksumMismatch
            case unsupported, schemaMismatch, invalidArgument, compression, io
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The file does not start and end with the `PAR1` magic.
        public static let notParquet = Code(.notParquet)
        /// The file ends before a structure it announces (footer, page, chunk).
        public static let truncated = Code(.truncated)
        /// The Thrift footer or a page header cannot be decoded or contradicts itself.
        public static let corruptMetadata = Code(.corruptMetadata)
        /// A page body cannot be decoded (levels, values, sizes).
        public static let corruptPage = Code(.corruptPage)
        /// A page's CRC32 does not match its bytes.
        public static let checksumMismatch = Code(.checksumMismatch)
        /// Valid Parquet that this implementation does not handle (nesting, encryption, codec).
        public static let unsupported = Code(.unsupported)
        /// Values handed to the writer do not fit the schema.
        public static let schemaMismatch = Code(.schemaMismatch)
        /// A writer or reader option is out of range.
        public static let invalidArgument = Code(.invalidArgument)
        /// A codec failed to compress or decompress.
        public static let compression = Code(.compression)
        /// The operating system refused a read or write.
        public static let io = Code(.io)

        public var description: String { value.rawValue }
    }

    /// Where in the file the failure was found; every field is optional.
    public struct Location: Sendable, Equatable, CustomStringConvertible {
        public var offset: Int64?
        public var rowGroup: Int?
        public var column: String?
        public var page: Int?

        public init(offset: Int64? = nil, rowGroup: Int? = nil, column: String? = nil, page: Int? = nil) {
            self.offset = offset
            self.rowGroup = rowGroup
            self.column = column
            self.page = page
        }

        public var isEmpty: Bool { offset == nil && rowGroup == nil && column == nil && page == nil }

        public var description: String {
            var parts: [String] = []
            if let column { parts.append("column '\(column)'") }
            if let rowGroup { parts.append("row group \(rowGroup)") }
            if let page { parts.append("page \(page)") }
            if let offset { parts.append("offset \(offset)") }
            return parts.joined(separator: ", ")
        }
    }

    public var code: Code
    public var message: String
    public var location: Location
    public var path: String?
    public var underlying: (any Error & Sendable)?

    public init(
        _ code: Code, _ message: String, at location: Location = Location(),
        path: String? = nil, underlying: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.location = location
        self.path = path
        self.underlying = underlying
    }

    /// The same error with missing location fields filled in from `outer`.
    func locating(_ outer: Location, path: String? = nil) -> ParquetError {
        var copy = self
        copy.location.offset = copy.location.offset ?? outer.offset
        copy.location.rowGroup = copy.location.rowGroup ?? outer.rowGroup
        copy.location.column = copy.location.column ?? outer.column
        copy.location.page = copy.location.page ?? outer.page
        copy.path = copy.path ?? path
        return copy
    }

    public var description: String {
        var text = message
        if !location.isEmpty { text += " (at \(location))" }
        if let path { text = "\(path): " + text }
        return text
    }
}
