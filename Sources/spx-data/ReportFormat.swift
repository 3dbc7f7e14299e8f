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
            // Scanning bytes, not Characters: grapheme breaking is slow and these are all ASCII.
            field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\n"
    }
}
