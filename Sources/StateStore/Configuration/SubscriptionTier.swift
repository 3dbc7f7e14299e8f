/// A ThetaData subscription tier (`thetadata.subscription`): how many requests the account may
/// have in flight and how far back its option history reaches. Tiers do not add up; the
/// account's highest one counts.
///
/// | tier | requests in flight | option history from |
/// |---|---|---|
/// | free | 1 | 2023-06-01 (end-of-day data only) |
/// | value | 2 | 2020-01-01 |
/// | standard | 4 | 2016-01-01 |
/// | pro | 8 | 2012-06-01 |
///
/// Sources: ThetaData's concurrent-requests page (the caps) and its subscriptions page (the
/// first dates). Another ThetaData page speaks of rolling windows of 4, 8 and 12 years, and an
/// older one of index-option greeks from 2020-01-01: where the account reaches less far,
/// `thetadata.historyStart` says so, and a 403 for a date is recorded as `permission`.
public enum SubscriptionTier: String, Sendable, CaseIterable {
    case free, value, standard, pro

    /// The Terminal's cap on requests in flight for the account.
    public var concurrency: Int {
        switch self {
        case .free: 1
        case .value: 2
        case .standard: 4
        case .pro: 8
        }
    }

    /// The first date the tier's option history covers, `YYYY-MM-DD`.
    public var historyStart: String {
        switch self {
        case .free: "2023-06-01"
        case .value: "2020-01-01"
        case .standard: "2016-01-01"
        case .pro: "2012-06-01"
        }
    }
}
