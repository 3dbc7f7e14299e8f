/// A small listing (roots, expirations, contracts), written whole: listings are at most a few
/// megabytes even for a full day.
struct ListTable: Sendable {
    enum Value: Sendable {
        case text(String)
        /// A number, printed as given.
        case number(String)
    }

    var columns: [String]
    var rows: [[Value]]

    func v3(_ format: V3Format) -> ByteSink {
        var s = ByteSink()
        switch format {
        case .csv:
            s.text(columns.joined(separator: ",")); s.text("\r\n")
            for row in rows {
                s.text(row.map(\.plain).joined(separator: ",")); s.text("\r\n")
            }
        case .ndjson:
            for row in rows { s.text(object(row)); s.text("\n") }
        case .json:
            s.text("{\"response\":[")
            s.text(rows.map(object).joined(separator: ","))
            s.text("]}")
        }
        return s
    }

    private func object(_ row: [Value]) -> String {
        "{" + zip(columns, row).map { "\"\($0)\":\($1.json)" }.joined(separator: ",") + "}"
    }

    func v2(csv: Bool, header: V2Header) -> ByteSink {
        var s = ByteSink()
        if csv {
            s.text(columns.joined(separator: ",")); s.text("\n")
            for row in rows { s.text(row.map(\.plain).joined(separator: ",")); s.text("\n") }
            return s
        }
        s.text("{\"header\":")
        header.write(format: columns, into: &s)
        s.text(",\"response\":[")
        // One column lists are flat arrays of scalars, as the Terminal sends them.
        s.text(rows.map { $0.count == 1 ? $0[0].json : "[" + $0.map(\.json).joined(separator: ",") + "]" }
            .joined(separator: ","))
        s.text("]}")
        return s
    }
}

extension ListTable.Value {
    var plain: String {
        switch self {
        case .text(let t), .number(let t): t
        }
    }

    var json: String {
        switch self {
        case .text(let t): "\"\(t)\""
        case .number(let n): n
        }
    }
}

/// v3 `format=`.
enum V3Format: String, Sendable {
    case csv, json, ndjson

    var output: OutputFormat {
        switch self {
        case .csv: .v3CSV
        case .json: .v3JSON
        case .ndjson: .v3NDJSON
        }
    }
}
