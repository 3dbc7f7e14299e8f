/// A failure of the ledger: what went wrong, on which database file, and how to fix it.
public struct StateStoreError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure. A struct over a private enum so that new kinds never break callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Sendable { case directory, open, permissions, migration, newerSchema, query }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The database directory could not be created.
        public static let directory = Code(.directory)
        /// SQLite could not open the file (missing permissions, not a database, locked).
        public static let open = Code(.open)
        /// The file modes 0600/0700 could not be applied.
        public static let permissions = Code(.permissions)
        /// A schema migration failed; the database was left at its previous version.
        public static let migration = Code(.migration)
        /// The file was written by a newer spx-data whose schema this build does not know.
        public static let newerSchema = Code(.newerSchema)
        /// A read or write failed.
        public static let query = Code(.query)

        public var description: String { value.rawValue }
    }

    public var code: Code
    /// The database file concerned.
    public var path: String
    /// What failed, in words.
    public var message: String
    /// What the operator can do about it.
    public var remediation: String
    /// The error SQLite or the file system reported.
    public var underlying: (any Error)?

    public init(code: Code, path: String, message: String, remediation: String, underlying: (any Error)? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.remediation = remediation
        self.underlying = underlying
    }

    public var description: String {
        var text = "\(message) (database \(path))"
        if let underlying { text += ": \(underlying)" }
        return text + ". Fix: \(remediation)"
    }
}
