public import MarketCalendar

/// The result of a gap analysis over a date range.
public struct GapReport: Sendable {
    /// The dates analysed (New York).
    public var range: ClosedRange<CivilDate>
    /// Sessions in `range` that were considered: not before the history start, and already
    /// published by the vendor when an instant was given.
    public var sessions: Int
    /// Sessions recorded as `success`.
    public var complete: Int
    /// Missing sessions in the configured order.
    public var gaps: [Gap]
    /// Records that were not looked at: outside `range`, or on dates that are not sessions.
    public var ignoredRecords: Int
    /// The work to fill every gap, when a size model was given.
    public var estimate: WorkEstimate?
    /// Sessions up to today whose data the vendor cannot have yet: not gaps, not failures.
    public var pending: [CivilDate] = []
    /// Sessions of `range` before the subscription's history start, not considered.
    public var beforeHistoryStart = 0

    /// Gaps of `category`.
    public func count(_ category: GapCategory) -> Int { gaps.count { $0.category == category } }

    /// Share of sessions that are complete, 0 to 1 (1 for a range without sessions).
    public var completeness: Double { sessions == 0 ? 1 : Double(complete) / Double(sessions) }
}
