import ArgumentParser
import Foundation

/// How a listing command prints: an aligned table for people, JSON or CSV for programs.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// Comma-separated values as RFC 4180 reads them.
enum CSV {
    /// One line of fields, quoting those that hold a comma, a quote or a line break.
    static func line(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\n"
    }
}
