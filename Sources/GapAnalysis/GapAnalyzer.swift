public import MarketCalendar

/// Finds the sessions of a date range whose data is missing, says why, and ranks them.
///
/// Pure: it reads only the calendar and the records it is given. Non-sessions are never gaps,
/// whatever the ledger holds for them; `success` sessions are never gaps; every other
/// session is one.
public struct GapAnalyzer: Sendable {
    public var calendar: NYSECalendar
    public var configuration: GapConfiguration

    public init(calendar: NYSECalendar = .nyse, configuration: GapConfiguration = GapConfiguration()) {
        self.calendar = calendar
        self.configuration = configuration
    }

    /// The gaps of `range` given one symbol's ledger records.
    ///
    /// - Parameters:
    ///   - range: New York dates; the part outside `NYSECalendar.supportedRange` has no sessions.
    ///   - records: at most one per date is expected; when a date has several, a `success`
    ///     stands, otherwise the last one in sequence order does.
    ///   - today: New York's date now, from which recency is measured.
    ///   - now: the instant now; with the configuration's `availability`, sessions whose data
    ///     the vendor cannot have yet are `pending` instead of gaps (and later ones skipped).
    /// - Complexity: O(days in range + records), plus sorting the gaps.
    public func analyze(_ range: ClosedRange<CivilDate>, records: some Sequence<ProcessingRecord>,
                        today: CivilDate, now: UTCInstant? = nil) -> GapReport {
        // A slot per day of the range, so finding a session's record is an array index.
        let first = range.lowerBound.daysSince1970
        var slots = [Int32](repeating: -1, count: range.count)
        var kept: [ProcessingRecord] = []
        var ignored = 0
        for record in records {
            guard range.contains(record.date) else {
                ignored += 1
                continue
            }
            let slot = record.date.daysSince1970 - first
            if slots[slot] >= 0 {
                if kept[Int(slots[slot])].status != .success { kept[Int(slots[slot])] = record }
            } else {
                slots[slot] = Int32(kept.count)
                kept.append(record)
            }
        }

        var gaps: [Gap] = []
        var pending: [CivilDate] = []
        var sessions = 0, complete = 0, usedRecords = 0, beforeHistoryStart = 0
        let available = now.flatMap { now in configuration.availability?.latestAvailableSession(at: now, calendar: calendar) }
        for date in calendar.tradingDays(in: range) {
            if let start = configuration.historyStart, date < start {
                beforeHistoryStart += 1
                continue
            }
            if now != nil, configuration.availability != nil, available.map({ date > $0 }) ?? true {
                // Not published yet: today before its time, or a session still to come.
                if date <= today { pending.append(date) }
                continue
            }
            sessions += 1
            let index = slots[date.daysSince1970 - first]
            let record = index >= 0 ? kept[Int(index)] : nil
            if record != nil { usedRecords += 1 }
            guard let category = GapCategory(record: record, minGrade: configuration.minGrade) else {
                complete += 1
                continue
            }
            if category == .noData && !configuration.includesNoData { continue }
            gaps.append(gap(date, category, record, today: today))
        }
        ignored += kept.count - usedRecords
        sort(&gaps)
        let estimate = configuration.sizeModel.map { _ in gaps.reduce(WorkEstimate()) { $0 + ($1.estimate ?? WorkEstimate()) } }
        return GapReport(range: range, sessions: sessions, complete: complete, gaps: gaps, ignoredRecords: ignored,
                         estimate: estimate, pending: pending, beforeHistoryStart: beforeHistoryStart)
    }

    private func gap(_ date: CivilDate, _ category: GapCategory, _ record: ProcessingRecord?, today: CivilDate) -> Gap {
        var volatility = 0.0
        var periodName: String?
        for period in configuration.volatilityPeriods where period.dates.contains(date) && period.intensity > volatility {
            volatility = period.intensity
            periodName = period.name
        }
        let attempts = record?.attempts ?? 0
        let priority = configuration.weights.priority(date: date, today: today, category: category, attempts: attempts,
                                                      volatility: volatility)
        let estimate = configuration.sizeModel.map { model in
            let left = record?.progress.flatMap { $0.total > 0 ? max($0.total - $0.done, 0) : nil }
            return model.estimate(year: date.year, expirationsLeft: category == .noData ? nil : left)
        }
        return Gap(date: date, category: category, priority: priority, attempts: attempts, lastError: record?.lastError,
                   progress: record?.progress, volatilityPeriod: periodName, estimate: estimate)
    }

    private func sort(_ gaps: inout [Gap]) {
        switch configuration.order {
        case .date: break  // already in date order
        case .dateDescending: gaps.reverse()
        case .priority:
            gaps.sort { $0.priority != $1.priority ? $0.priority > $1.priority : $0.date < $1.date }
        }
    }
}
