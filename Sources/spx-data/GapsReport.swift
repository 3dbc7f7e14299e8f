import Foundation
import GapAnalysis
import MarketCalendar

/// What `gaps` prints: per symbol, the sessions of the range, the gaps and the work to fill them.
struct GapsReport: Encodable {
    struct Symbol: Encodable {
        var symbol: String
        var report: GapReport
        /// Where the size model came from (the ledger's averages or a typical day).
        var sizeBasis: String

        enum CodingKeys: String, CodingKey {
            case symbol, sessions, complete, gapCount, byCategory, estimate, estimateBasis, gaps, pendingAtVendor
            case beforeHistoryStart
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(symbol, forKey: .symbol)
            try c.encode(report.sessions, forKey: .sessions)
            try c.encode(report.complete, forKey: .complete)
            try c.encode(report.gaps.count, forKey: .gapCount)
            try c.encode(Dictionary(uniqueKeysWithValues: GapCategory.allCases.map { ($0.rawValue, report.count($0)) }),
                         forKey: .byCategory)
            try c.encodeIfPresent(report.estimate.map(EstimateJSON.init), forKey: .estimate)
            try c.encode(sizeBasis, forKey: .estimateBasis)
            try c.encode(report.gaps.map(GapJSON.init), forKey: .gaps)
            try c.encode(report.pending.map(\.description), forKey: .pendingAtVendor)
            try c.encode(report.beforeHistoryStart, forKey: .beforeHistoryStart)
        }
    }

    var dataset: String
    var range: ClosedRange<CivilDate>
    var symbols: [Symbol]
    /// What limits the sessions considered: the history start and who set it, the publication time.
    var limits: GapLimits

    enum CodingKeys: String, CodingKey { case dataset, from, to, symbols, historyStart, historyStartSetBy, availableAfter }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dataset, forKey: .dataset)
        try c.encode(range.lowerBound.description, forKey: .from)
        try c.encode(range.upperBound.description, forKey: .to)
        try c.encode(symbols, forKey: .symbols)
        try c.encodeIfPresent(limits.historyStart?.description, forKey: .historyStart)
        try c.encode(limits.historyStartSetBy, forKey: .historyStartSetBy)
        try c.encode(limits.availableAfter, forKey: .availableAfter)
    }

    static let gapColumns = ["symbol", "date", "category", "priority", "attempts", "expirations_done", "expirations_total",
                             "volatility_period", "est_requests", "est_rows", "est_bytes", "last_error"]

    /// Every gap of every symbol, one row each.
    var gapRows: Report {
        Report(columns: Self.gapColumns, rows: symbols.flatMap { s in s.report.gaps.map { row(s.symbol, $0) } })
    }

    private func row(_ symbol: String, _ gap: Gap, shortError: Bool = false) -> [Cell] {
        [.text(symbol), .text(gap.date.description), .text(gap.category.label), .number((gap.priority * 10).rounded() / 10),
         Cell(gap.attempts), Cell(gap.progress?.done), Cell(gap.progress?.total), Cell(gap.volatilityPeriod),
         Cell(gap.estimate?.requests), Cell(gap.estimate?.rows), Cell(gap.estimate?.bytes),
         Cell(shortError ? gap.lastError.map { String($0.prefix(50)) } : gap.lastError)]
    }

    /// Per symbol: a summary line, the first `limit` gaps, and the estimate.
    func tableText(limit: Int, style: Style) -> String {
        var out = "\(dataset) from \(range.lowerBound) to \(range.upperBound)\n"
        for s in symbols {
            let r = s.report
            let counts = GapCategory.allCases.compactMap { c in r.count(c) > 0 ? "\(r.count(c)) \(c.label)" : nil }
            out += "\n\(s.symbol): \(r.sessions) sessions, \(r.complete) complete, \(r.gaps.count) gaps"
                + (counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))") + "\n"
            if r.beforeHistoryStart > 0, let start = limits.historyStart {
                out += "\(r.beforeHistoryStart) session(s) before \(start) not considered (\(limits.historyStartSetBy))\n"
            }
            for date in r.pending {
                out += "\(date): pending at vendor, not a gap (ThetaData publishes it after \(limits.publication(of: date)) New York)\n"
            }
            guard !r.gaps.isEmpty else { continue }
            let shown = Array(r.gaps.prefix(limit))
            let columns = ["date", "category", "priority", "attempts", "progress", "volatility", "last error"]
            let rows: [[Cell]] = shown.map { g in
                [.text(g.date.description), .text(g.category.label), .number((g.priority * 10).rounded() / 10), Cell(g.attempts),
                 Cell(g.progress.map { "\($0.done)/\($0.total)" }), Cell(g.volatilityPeriod),
                 Cell(g.lastError.map { String($0.prefix(50)) })]
            }
            out += Report(columns: columns, rows: rows).render(.table, style: style)
            if r.gaps.count > shown.count { out += "… and \(r.gaps.count - shown.count) more (--limit, or --format csv for all)\n" }
            if let e = r.estimate {
                out += "to fill: \(e.requests) requests, \(e.rows) rows, \(ByteCountFormatter.string(fromByteCount: Int64(e.bytes), countStyle: .file))"
                    + (e.seconds.map { String(format: ", about %.1f h", $0 / 3600) } ?? "") + " (from \(s.sizeBasis))\n"
            }
        }
        return out
    }
}

private struct GapJSON: Encodable {
    var date: String
    var category: String
    var priority: Double
    var attempts: Int
    var expirationsDone: Int?
    var expirationsTotal: Int?
    var volatilityPeriod: String?
    var lastError: String?
    var estimate: EstimateJSON?

    init(_ gap: Gap) {
        date = gap.date.description
        category = gap.category.rawValue
        priority = (gap.priority * 100).rounded() / 100
        attempts = gap.attempts
        expirationsDone = gap.progress?.done
        expirationsTotal = gap.progress?.total
        volatilityPeriod = gap.volatilityPeriod
        lastError = gap.lastError
        estimate = gap.estimate.map(EstimateJSON.init)
    }
}

private struct EstimateJSON: Encodable {
    var sessions: Int
    var requests: Int
    var rows: Int
    var bytes: Int
    var seconds: Double?

    init(_ e: WorkEstimate) {
        sessions = e.sessions
        requests = e.requests
        rows = e.rows
        bytes = e.bytes
        seconds = e.seconds.map { ($0 * 10).rounded() / 10 }
    }
}
