import Foundation
import Quality

/// What `quality` prints for one or more judged days.
struct QualityReport {
    var days: [DayQuality]
    /// One day asked for (DATE or --file): its details, and JSON as one object.
    var single: Bool

    func render(_ format: QualityFormat) -> String {
        switch format {
        case .json:
            let text = single && days.count == 1 ? try? JSONText.encode(days[0]) : try? JSONText.encode(days)
            return text ?? "[]\n"
        case .csv: return csv
        case .html: return QualityPage(days: days).html
        case .table: return single || days.count == 1 ? days.map(detail).joined(separator: "\n") : summary
        }
    }

    /// One line per day and check, every check of the suite.
    var csv: String {
        var out = CSV.line(["date", "symbol", "dataset", "score", "grade", "check", "severity", "evaluated", "failed", "mid_only",
                            "rate", "check_score", "examples"])
        for day in days {
            for check in day.checks {
                out += CSV.line([day.date, day.symbol, day.dataset, Self.number(day.score), day.grade.rawValue, check.id.rawValue,
                                 check.severity.rawValue, String(check.evaluated), String(check.failed), String(check.midOnly),
                                 check.rate.map { String($0) } ?? "", check.score.map { String($0) } ?? "",
                                 check.examples.joined(separator: "; ")])
            }
        }
        return out
    }

    /// A line per day with its worst check, then how many days have each grade.
    var summary: String {
        let rows: [[Cell]] = days.map { day in
            let worst = Self.worst(day).first
            return [.text(day.date), .text(day.symbol), .text(day.dataset), .integer(day.rows), .number(day.score),
                    .text(day.grade.rawValue), .text(worst.map { "\($0.id.rawValue) \(Self.percent($0.rate))" } ?? "-")]
        }
        var out = Report(columns: ["date", "symbol", "dataset", "rows", "score", "grade", "worst check"], rows: rows)
            .render(.table, style: .forOutput(.table))
        let grades = Grade.allCases.map { grade in "\(grade.rawValue) \(days.count { $0.grade == grade })" }
        out += "\n\(days.count) day(s): \(grades.joined(separator: ", "))\n"
        return out
    }

    /// Everything about one day, worst first.
    func detail(_ day: DayQuality) -> String {
        var out = "\(day.symbol) \(day.dataset) \(day.date): score \(Self.number(day.score)), grade \(day.grade.rawValue) "
            + "(\(day.rows) rows; suite \(day.suiteVersion), thresholds \(day.thresholdsHash.prefix(12)))\n"
        let dimensions = QualityCheck.Dimension.allCases.map { d in
            "\(d.rawValue) \((day.dimensions[d.rawValue] ?? nil).map(Self.number) ?? "not evaluated")"
        }
        out += "  " + dimensions.joined(separator: ", ") + "\n"
        let worst = Self.worst(day)
        out += worst.isEmpty ? "no check failed\n" : "checks that failed, worst first:\n"
        for check in worst {
            let label = "  " + check.id.rawValue.padding(toLength: 4) + " " + check.severity.rawValue.padding(toLength: 8) + " "
            let mid = check.midOnly > 0 ? ", and \(check.midOnly) at mid prices only" : ""
            out += label + "\(check.failed) of \(check.evaluated) (\(Self.percent(check.rate)))\(mid): \(QualityCheck.of(check.id).summary)\n"
            if !check.examples.isEmpty { out += "       e.g. " + check.examples.joined(separator: "; ") + "\n" }
        }
        let missing = day.checks.filter { !$0.isEvaluated }.map(\.id.rawValue)
        if !missing.isEmpty { out += "not evaluated (no data for them): \(missing.joined(separator: " "))\n" }
        if !day.funnel.isEmpty {
            out += "research funnel (rows the usual sample filters would remove; none is a defect):\n"
            for step in day.funnel {
                let share = step.of > 0 ? Double(step.removed) / Double(step.of) : nil
                out += "  \(step.filter.padding(toLength: 40)) \(step.removed) of \(step.of) (\(Self.percent(share)))\n"
            }
        }
        for flag in day.trendFlags { out += "trend: \(flag)\n" }
        for recommendation in day.recommendations { out += "→ \(recommendation)\n" }
        return out
    }

    /// Checks with failures, lowest score first (information last).
    static func worst(_ day: DayQuality) -> [Quality.CheckResult] {
        func rank(_ check: Quality.CheckResult) -> Double { check.severity == .blocker ? -1 : check.score ?? 2 }
        return day.checks.filter { ($0.failed > 0 || $0.midOnly > 0) && $0.severity != .funnel }.sorted { rank($0) < rank($1) }
    }

    static func percent(_ rate: Double?) -> String {
        guard let rate else { return "-" }
        return String(format: rate < 0.0001 && rate > 0 ? "%.4f%%" : "%.2f%%", rate * 100)
    }

    static func number(_ x: Double) -> String { String(format: "%.1f", x) }
}
