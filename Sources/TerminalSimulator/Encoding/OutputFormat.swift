/// Every body layout the simulator writes for history data.
public enum OutputFormat: Sendable, Hashable {
    /// v3 `format=csv`: header row, contract columns first, `\r\n` line ends.
    case v3CSV
    /// v3 `format=ndjson`: one flat object per row.
    case v3NDJSON
    /// v3 `format=json`: `{"response":[{"contract":{…},"data":[{…}]}]}`.
    case v3JSON
    /// v2 default: `{"header":{…},"response":[{"contract":{…},"ticks":[[…]]}]}`.
    case v2JSON
    /// v2 `use_csv=true`: header row, `root,expiration,strike,right` first, pages in `Next-Page`.
    case v2CSV

    var contentType: String {
        switch self {
        case .v3CSV, .v2CSV: "text/csv"
        case .v3NDJSON: "application/x-ndjson"
        case .v3JSON, .v2JSON: "application/json"
        }
    }
}
