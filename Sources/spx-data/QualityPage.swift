import Foundation
import Quality

/// `quality --format html`: one self-contained page (no script, no external file) with each
/// day's grade, a bar per check scaled by its score, and the research funnel.
struct QualityPage {
    var days: [DayQuality]

    var html: String {
        var out = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>spx-data quality</title>
            <style>
            body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
            h2{margin-top:2em} table{border-collapse:collapse} td,th{padding:2px 8px;text-align:left;vertical-align:top}
            .bar{display:inline-block;height:10px;background:#2a7} .bad{background:#c33} .warn{background:#e90} .none{color:#999}
            .track{display:inline-block;width:200px;background:#eee} .grade{font-size:28px;font-weight:bold}
            </style></head><body>
            <h1>Data quality</h1>

            """
        for day in days { out += section(day) }
        return out + "</body></html>\n"
    }

    private func section(_ day: DayQuality) -> String {
        var out = "<h2>\(escape("\(day.symbol) \(day.dataset) \(day.date)"))</h2>\n"
        out += "<p><span class=\"grade\">\(day.grade.rawValue)</span> score \(String(format: "%.1f", day.score)) · "
            + "\(day.rows) rows · suite \(escape(day.suiteVersion)) · thresholds \(escape(String(day.thresholdsHash.prefix(12))))</p>\n"
        out += "<table><tr><th>check</th><th>severity</th><th>score</th><th>failed</th><th>what fails</th></tr>\n"
        for check in day.checks {
            let summary = escape(QualityCheck.of(check.id).summary)
            guard check.isEvaluated else {
                out += "<tr class=\"none\"><td>\(check.id.rawValue)</td><td>\(check.severity.rawValue)</td>"
                    + "<td colspan=\"2\">not evaluated</td><td>\(summary)</td></tr>\n"
                continue
            }
            let width = Int(((check.score ?? (check.failed == 0 ? 1 : 0)) * 200).rounded())
            let tone = check.failed == 0 ? (check.midOnly > 0 ? " warn" : "")
                : check.severity == .warning || check.severity == .info ? " warn" : " bad"
            let examples = check.examples.isEmpty ? "" : "<br><small>e.g. \(escape(check.examples.joined(separator: "; ")))</small>"
            out += "<tr><td>\(check.id.rawValue)</td><td>\(check.severity.rawValue)</td>"
                + "<td><span class=\"track\"><span class=\"bar\(tone)\" style=\"width:\(width)px\"></span></span></td>"
                + "<td>\(check.failed) of \(check.evaluated)\(check.midOnly > 0 ? " (\(check.midOnly) at mid only)" : "")</td>"
                + "<td>\(summary)\(examples)</td></tr>\n"
        }
        out += "</table>\n"
        if !day.funnel.isEmpty {
            out += "<h3>Research funnel</h3><p>Rows the usual sample filters would remove; the file keeps them all.</p><table>\n"
            for step in day.funnel {
                let share = step.of > 0 ? Double(step.removed) / Double(step.of) : 0
                out += "<tr><td>\(escape(step.filter))</td><td><span class=\"track\"><span class=\"bar warn\" "
                    + "style=\"width:\(Int((share * 200).rounded()))px\"></span></span></td>"
                    + "<td>\(step.removed) of \(step.of)</td></tr>\n"
            }
            out += "</table>\n"
        }
        if !day.recommendations.isEmpty || !day.trendFlags.isEmpty {
            out += "<ul>" + (day.trendFlags + day.recommendations).map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
        }
        return out
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
