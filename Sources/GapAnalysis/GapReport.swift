public import MarketCalendar

/// The result of a gap analysis over a date range.
public struct GapReport: Sendable {
    /// The dates analysed (New York).
    public var range: ClosedRange<CivilDate>
    /// Sessions in `range`.
    public var sessions: Int
    /// Sessions recorded as `success`.
    public var complete: Int
    /// Missing sessions in the configured order.
    public var gaps: [Gap]
    /// Records that were not looked at: outside `range`, or on dates that are not sessions.
    public var ignoredRecords: Int
    /// The work to fill every gap, when a size model was given.
    public var estimate: WorkEstimate?

    /// Gaps of `category`.
    public func count(_ category: GapCategory) -> Int { gaps.count { $0.category == category } }

    /// Share of sessions that are complete, 0 to 1 (1 for a range without sessions).
    public var completeness: Double { sessions == 0 ? 1 : Double(complete) / Double(sessions) }
}
