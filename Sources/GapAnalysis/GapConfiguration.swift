public import MarketCalendar

/// What a gap analysis includes, how it scores and orders gaps, and how it estimates work.
public struct GapConfiguration: Sendable {
    public enum Order: String, Sendable, CaseIterable {
        /// Highest priority first; ties by date, earliest first.
        case priority
        /// Earliest date first.
        case date
        /// Latest date first.
        case dateDescending = "date-descending"
    }

    public var weights: PriorityWeights
    /// Periods that raise priority; `VolatilityPeriod.wellKnown` by default.
    public var volatilityPeriods: [VolatilityPeriod]
    public var order: Order
    /// Whether sessions the vendor had no data for are listed (as `noData` gaps).
    public var includesNoData: Bool
    /// When given, every gap and the report carry an estimate of the work to fill them.
    public var sizeModel: DaySizeModel?
    /// The first date the subscription's history covers: sessions before it are not
    /// considered (the report counts them in `beforeHistoryStart`).
    public var historyStart: CivilDate?
    /// When the vendor has a session's data; with `now` given to `analyze`, sessions it
    /// cannot have yet are the report's `pending`, not gaps.
    public var availability: VendorAvailability?
    /// Archived days graded below this letter (A best) are gaps of their own; nil: never.
    public var minGrade: String?

    public init(weights: PriorityWeights = PriorityWeights(), volatilityPeriods: [VolatilityPeriod] = VolatilityPeriod.wellKnown,
                order: Order = .priority, includesNoData: Bool = true, sizeModel: DaySizeModel? = nil,
                historyStart: CivilDate? = nil, availability: VendorAvailability? = nil, minGrade: String? = nil) {
        self.minGrade = minGrade
        self.weights = weights
        self.volatilityPeriods = volatilityPeriods
        self.order = order
        self.includesNoData = includesNoData
        self.sizeModel = sizeModel
        self.historyStart = historyStart
        self.availability = availability
    }
}
