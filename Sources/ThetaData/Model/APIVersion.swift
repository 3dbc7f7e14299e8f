/// The two REST APIs of the Theta Terminal: v3 (current) and v2 (the older Terminal).
public enum APIVersion: String, Sendable, CaseIterable {
    case v2
    case v3

    /// Where the Terminal listens by default: v3 on 25503, v2 on 25510.
    public var defaultBaseURL: String {
        switch self {
        case .v2: "http://127.0.0.1:25510"
        case .v3: "http://127.0.0.1:25503"
        }
    }
}

/// The way a response body is written. v3 answers CSV or NDJSON; v2 answers JSON or CSV.
public enum BodyFormat: String, Sendable, CaseIterable {
    case v3CSV
    case v3NDJSON
    case v2JSON
    case v2CSV

    public var apiVersion: APIVersion {
        switch self {
        case .v3CSV, .v3NDJSON: .v3
        case .v2JSON, .v2CSV: .v2
        }
    }
}
