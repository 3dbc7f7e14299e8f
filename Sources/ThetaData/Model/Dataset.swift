/// A kind of option data the Terminal serves, declared once for both API versions: where to
/// ask for it and which columns it has. A new dataset is a new `static let`, nothing else.
public struct Dataset: Sendable, Hashable, CustomStringConvertible {
    /// How a value column is parsed and stored.
    public enum ColumnType: Sendable, Hashable {
        /// A decimal number, parsed to the exactly nearest double.
        case double
        /// A whole number (sizes, exchanges, conditions, counts).
        case integer
        /// A time of day in ms since New York midnight, without a date: v2's `ms_of_day2`, sent as
        /// a number (v3 sends every time with its date, as `.dateTime`).
        case timeOfDay
        /// A New York date and time (v3's `underlying_timestamp`, `last_trade`, `created`),
        /// which may fall on another day than the row's. Batches carry it as New York
        /// wall-clock ms since 1970-01-01 00:00 (see `OptionRowBatch`); the archive stores the
        /// instant, TIMESTAMP(ms, UTC).
        case dateTime
    }

    /// One value column, named as the archive names it, with each API's own spelling;
    /// nil where that API does not send the column.
    public struct Column: Sendable, Hashable {
        public var name: String
        public var type: ColumnType
        public var v2Name: String?
        public var v3Name: String?

        public init(_ name: String, _ type: ColumnType = .double, v2: String? = "", v3: String? = "") {
            self.name = name
            self.type = type
            // An empty spelling means "same as the archive's name".
            self.v2Name = v2 == "" ? name : v2
            self.v3Name = v3 == "" ? name : v3
        }

        public func name(in version: APIVersion) -> String? { version == .v2 ? v2Name : v3Name }
    }

    /// The request of one API version for this dataset.
    public struct Endpoint: Sendable, Hashable {
        public var path: String
        /// Whether the request takes a bar interval (`ivl` in v2, `interval` in v3).
        public var takesInterval: Bool
        /// The column holding each row's time (v2 also sends `date`; v3's timestamp has both).
        public var timeColumn: String

        public init(path: String, takesInterval: Bool = true, timeColumn: String) {
            self.path = path
            self.takesInterval = takesInterval
            self.timeColumn = timeColumn
        }
    }

    public var name: String
    public var v2: Endpoint
    public var v3: Endpoint
    /// The value columns of both API versions, in archive order; contract and time columns
    /// are implied. A file holds those its source sends: `columns(in:)`.
    public var columns: [Column]

    public init(name: String, v2: Endpoint, v3: Endpoint, columns: [Column]) {
        self.name = name
        self.v2 = v2
        self.v3 = v3
        self.columns = columns
    }

    public func endpoint(_ version: APIVersion) -> Endpoint { version == .v2 ? v2 : v3 }

    /// The value columns `version` sends, in archive order: what a batch decoded from that
    /// API, its staging file and its archive file hold. A column one API lacks is left out
    /// rather than kept empty (v2's `ms_of_day2` has no date, v3's `underlying_timestamp` has one).
    public func columns(in version: APIVersion) -> [Column] {
        columns.filter { $0.name(in: version) != nil }
    }

    public var description: String { name }
}
