/// The columns an NDJSON staging file holds: each line is one JSON object with these keys.
public struct NDJSONSchema: Sendable, Equatable {
    public var columns: [NDJSONColumn]

    public init(_ columns: [NDJSONColumn]) { self.columns = columns }

    /// ThetaData option greeks at an interval, as staged by the pipeline.
    public static let greeks = NDJSONSchema([
        .init("root", .string), .init("expiration", .int32), .init("strike", .int32), .init("right", .string),
        .init("date", .int32), .init("ms_of_day", .int32),
        .init("bid", .double), .init("ask", .double), .init("delta", .double), .init("theta", .double),
        .init("vega", .double), .init("rho", .double), .init("epsilon", .double), .init("lambda", .double),
        .init("implied_vol", .double), .init("iv_error", .double),
        .init("ms_of_day2", .int32), .init("underlying_price", .double),
    ])
}

public struct NDJSONColumn: Sendable, Equatable {
    public enum Kind: Sendable, Equatable, CustomStringConvertible {
        case string, int32, int64, double, bool

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

    public var name: String
    public var kind: Kind
    /// Whether `null` (or a missing key) is allowed.
    public var nullable: Bool

    public init(_ name: String, _ kind: Kind, nullable: Bool = false) {
        self.name = name
        self.kind = kind
        self.nullable = nullable
    }
}
