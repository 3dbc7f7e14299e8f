public import MarketCalendar

/// A stretch of dates whose option data matters more than usual because markets moved a lot.
public struct VolatilityPeriod: Sendable, Hashable {
    public var name: String
    public var dates: ClosedRange<CivilDate>
    /// 0 to 1: how strongly the period raises priority (1 for the great crashes).
    public var intensity: Double

    public init(name: String, dates: ClosedRange<CivilDate>, intensity: Double = 1) {
        self.name = name
        self.dates = dates
        self.intensity = min(max(intensity, 0), 1)
    }

    /// Well-known episodes of high US equity volatility (VIX or its predecessor VXO far above
    /// its norm), chosen for researchers backtesting through stress. A starting point, not a
    /// canon: pass your own list to `GapConfiguration`.
    public static let wellKnown: [VolatilityPeriod] = [
        period("October 1987 crash", "1987-10-01", "1987-10-30", 1),
        period("1997 Asian crisis", "1997-10-20", "1997-10-31", 0.6),
        period("1998 Russian default and LTCM", "1998-08-17", "1998-10-15", 0.7),
        period("Reopening after September 11", "2001-09-17", "2001-10-12", 0.7),
        period("2002 bear-market lows", "2002-07-01", "2002-10-31", 0.6),
        period("2008-2009 financial crisis", "2008-09-01", "2009-03-31", 1),
        period("2010 flash crash", "2010-05-06", "2010-05-06", 1),
        period("2011 US downgrade", "2011-08-01", "2011-08-31", 0.8),
        period("2015 yuan devaluation selloff", "2015-08-20", "2015-08-31", 0.7),
        period("2018 short-volatility unwind", "2018-02-02", "2018-02-09", 0.9),
        period("2018 fourth-quarter selloff", "2018-12-03", "2018-12-31", 0.6),
        period("2020 COVID-19 crash", "2020-02-20", "2020-04-30", 1),
        period("2022 bear market", "2022-01-03", "2022-12-30", 0.5),
        period("2023 regional bank failures", "2023-03-09", "2023-03-24", 0.5),
        period("2024 yen carry-trade unwind", "2024-08-01", "2024-08-09", 0.7),
        period("2025 tariff shock", "2025-04-03", "2025-04-25", 0.9),
    ]

    private static func period(_ name: String, _ from: String, _ to: String, _ intensity: Double) -> VolatilityPeriod {
        VolatilityPeriod(name: name, dates: CivilDate(from)!...CivilDate(to)!, intensity: intensity)
    }
}
