public import Parquet

/// The columns an NDJSON staging file holds, in order: each line is one JSON object with
/// these keys. The decoder expects keys in this order first, and accepts any order.
public struct NDJSONSchema: Sendable, Equatable {
    /// The columns in the order rows are stored and batches are returned.
    public var columns: [NDJSONColumn]

    /// A schema of `columns`, whose names should be distinct.
    public init(_ columns: [NDJSONColumn]) { self.columns = columns }

    /// The index of the column called `name`, if there is one.
    public func index(of name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// Option greeks at an interval, as staged by the pipeline: contract, time, quote,
    /// greeks, implied volatility and the underlying's price. No column is nullable.
    public static let greeks = NDJSONSchema([
        .init("root", .string), .init("expiration", .int32), .init("strike", .int32), .init("right", .string),
        .init("date", .int32), .init("ms_of_day", .int32),
        .init("bid", .double), .init("ask", .double), .init("delta", .double), .init("theta", .double),
        .init("vega", .double), .init("rho", .double), .init("epsilon", .double), .init("lambda", .double),
        .init("implied_vol", .double), .init("iv_error", .double),
        .init("ms_of_day2", .int32), .init("underlying_price", .double),
    ])
}

/// One key of an NDJSON line: its name, the JSON value it must hold, and whether `null`
/// or a missing key is allowed.
public struct NDJSONColumn: Sendable, Equatable {
    /// The JSON value a column holds and the column storage it is decoded into.
    public enum Kind: Sendable, Equatable, CaseIterable, CustomStringConvertible {
        /// A JSON string, stored as its UTF-8 bytes (`ColumnValues.byteArray`).
        case string
        /// A JSON integer that fits 32 bits (`ColumnValues.int32`).
        case int32
        /// A JSON integer that fits 64 bits (`ColumnValues.int64`).
        case int64
        /// Any JSON number, as the nearest double (`ColumnValues.double`).
        case double
        /// `true` or `false` (`ColumnValues.boolean`).
        case bool

        /// The Parquet physical type the values are stored as.
        public var physicalType: PhysicalType {
            switch self {
            case .string: .byteArray
            case .int32: .int32
            case .int64: .int64
            case .double: .double
            case .bool: .boolean
            }
        }

        /// What a value must look like, for error messages ("expected an int32 integer").
        public var description: String {
            switch self {
            case .string: "a string"
            case .int32: "an int32 integer"
            case .int64: "an int64 integer"
            case .double: "a number"
            case .bool: "true or false"
            }
        }
    }

    /// The JSON key, matched byte for byte after unescaping.
    public var name: String
    /// The JSON value the key holds.
    public var kind: Kind
    /// Whether `null` (or a missing key) is allowed.
    public var nullable: Bool

    /// A column called `name` holding `kind` values; required unless `nullable`.
    public init(_ name: String, _ kind: Kind, nullable: Bool = false) {
        self.name = name
        self.kind = kind
        self.nullable = nullable
    }
}
