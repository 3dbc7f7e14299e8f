import ArgumentParser
import Foundation

/// How a listing command prints: an aligned table for people, JSON or CSV for programs.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// One value of a report, typed so that JSON keeps numbers as numbers and nulls as null.
enum Cell {
    case text(String)
    case integer(Int64)
    case number(Double)
    case null

    init(_ value: String?) { self = value.map(Cell.text) ?? .null }
    init<T: BinaryInteger>(_ value: T?) { self = value.map { .integer(Int64($0)) } ?? .null }
    init(_ value: Double?) { self = value.map(Cell.number) ?? .null }

    /// The table form: nulls as "-", fractional numbers with two decimals.
    var display: String {
        switch self {
        case .text(let s): s
        case .integer(let n): String(n)
        case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(format: "%.2f", x)
        case .null: "-"
        }
    }

    var csv: String {
        switch self {
        case .null: ""
        case .number(let x): String(x)
        case .text(let s) where s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }):
            "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        default: display
        }
    }

    var json: String {
        switch self {
        case .text(let s): JSONText.quote(s)
        case .integer(let n): String(n)
        case .number(let x): x.isFinite ? String(x) : "null"
        case .null: "null"
        }
    }
}

/// Rows with named columns, rendered in any `ReportFormat`. JSON is an array of objects whose
/// keys keep the column order; CSV has one header line.
struct Report {
    var columns: [String]
    var rows: [[Cell]]

    func render(_ format: ReportFormat, style: Style = .plain, highlight: ((Int, Cell) -> Style.Tone?)? = nil) -> String {
        switch format {
        case .table:
            guard !rows.isEmpty else { return "(none)\n" }
            let text = TextTable(headers: columns.map { $0.uppercased() }, rows: rows.map { $0.map(\.display) }).render()
            guard style.isEnabled, let highlight else { return text }
            return style.colourTable(text, rows: rows, highlight: highlight)
        case .csv:
            return ([columns.joined(separator: ",")] + rows.map { $0.map(\.csv).joined(separator: ",") })
                .joined(separator: "\n") + "\n"
        case .json:
            let objects = rows.map { row in
                "  {" + zip(columns, row).map { "\(JSONText.quote($0)): \($1.json)" }.joined(separator: ", ") + "}"
            }
            return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
        }
    }
}

enum JSONText {
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Pretty JSON of an `Encodable` report with stable key order.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

/// Comma-separated values as RFC 4180 reads them.
enum CSV {
    /// One line of fields, quoting those that hold a comma, a quote or a line break.
    static func line(_ fields: [String]) -> String {
        fields.map { field in
            // Scanning bytes, not Characters: grapheme breaking is slow and these are all ASCII.
            field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\n"
    }
}
