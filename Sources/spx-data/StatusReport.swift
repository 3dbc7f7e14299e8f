import Foundation

/// What `status` shows, in the shape its JSON takes.
struct StatusReport: Encodable {
    struct Database: Encodable {
        var path: String
        var schemaVersion: String
        var quickCheck: String
        var sizeBytes: Int64
    }

    struct Running: Encodable {
        var symbol: String
        var dataset: String
        var date: String
        var processId: Int32?
        /// False when the process recorded as working on the date is gone: the date can be resumed.
        var processAlive: Bool?
        var startedAt: String?
        var expirations: Int
        var staged: Int
        var failed: Int
        /// The first expiration not yet staged.
        var current: String?
    }

    struct Terminal: Encodable {
        var baseUrl: String
        var apiVersion: String
        var state: String
        var detail: String
    }

    var database: Database
    var lastActivity: String?
    var counts: [String: Int]
    var running: [Running]
    var gaps: GapCount
    /// How many archived days have each quality grade (A to F).
    var grades: [String: Int]
    var disk: [CheckResult]
    var terminal: Terminal

    /// `section,name,value` lines: the CSV form and the table's content.
    var rows: Report {
        var rows: [[Cell]] = []
        func add(_ section: String, _ name: String, _ value: Cell) { rows.append([.text(section), .text(name), value]) }
        add("activity", "last_activity", Cell(lastActivity))
        for status in ["queued", "processing", "success", "failed"] { add("counts", status, Cell(counts[status] ?? 0)) }
        for run in running {
            let progress = "\(run.staged)/\(run.expirations) expirations staged, \(run.failed) failed"
                + (run.current.map { ", next \($0)" } ?? "")
                + (run.processAlive == false ? " (process \(run.processId ?? 0) gone: resumable)" : "")
            add("running", "\(run.symbol) \(run.dataset) \(run.date)", .text(progress))
        }
        add("gaps", "count", Cell(gaps.count))
        add("gaps", "detail", .text(gaps.detail))
        for date in gaps.pendingAtVendor { add("gaps", "pending_at_vendor", .text("\(date): not published by ThetaData yet, not a gap")) }
        if !grades.isEmpty {
            add("quality", "grades", .text(["A", "B", "C", "D", "F"].map { "\($0) \(grades[$0] ?? 0)" }.joined(separator: ", ")))
        }
        for check in disk { add("disk", check.check.replacingOccurrences(of: "disk ", with: ""), .text(check.detail)) }
        add("database", "path", .text(database.path))
        add("database", "schema", .text(database.schemaVersion))
        add("database", "quick_check", .text(database.quickCheck))
        add("database", "size_bytes", Cell(database.sizeBytes))
        add("terminal", "state", .text(terminal.state))
        add("terminal", "detail", .text(terminal.detail))
        return Report(columns: ["section", "name", "value"], rows: rows)
    }

    func tableText(style: Style) -> String {
        var lines: [String] = []
        var section = ""
        let report = rows
        let width = report.rows.map { $0[1].display.count }.max() ?? 0
        for row in report.rows {
            if row[0].display != section {
                section = row[0].display
                lines.append((lines.isEmpty ? "" : "\n") + section.uppercased())
            }
            var value = row[2].display
            if section == "terminal", row[1].display == "state" { value = style.paint(value, value == "connected" ? .good : .bad) }
            if section == "counts", row[1].display == "failed", value != "0" { value = style.paint(value, .bad) }
            if section == "database", row[1].display == "quick_check" { value = style.paint(value, value == "ok" ? .good : .bad) }
            lines.append("  " + row[1].display.padding(toLength: width) + "  " + value)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
