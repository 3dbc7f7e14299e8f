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

    public init(weights: PriorityWeights = PriorityWeights(), volatilityPeriods: [VolatilityPeriod] = VolatilityPeriod.wellKnown,
                order: Order = .priority, includesNoData: Bool = true, sizeModel: DaySizeModel? = nil) {
        self.weights = weights
        self.volatilityPeriods = volatilityPeriods
        self.order = order
        self.includesNoData = includesNoData
        self.sizeModel = sizeModel
    }
}
