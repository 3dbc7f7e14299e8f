import MarketCalendar

/// Years from a row's instant to its expiration's 16:00 New York close (ACT/365), the T of the
/// bounds of V7, G4 and X5. The close's instant is worked out once per expiration, since rows
/// come expiration by expiration.
struct ExpirationClock {
    private var expiration = Int32.min
    private var closeMs: Int64 = 0

    static let msPerYear = 365.0 * 86_400_000

    /// - Parameters:
    ///   - expiration: the DATE column's day number.
    ///   - timestamp: the row's instant, ms since 1970 UTC.
    /// - Returns: negative after the close.
    @inline(__always)
    mutating func years(to expiration: Int32, from timestamp: Int64) -> Double {
        if expiration != self.expiration {
            self.expiration = expiration
            closeMs = Self.closeMs(of: expiration)
        }
        return Double(closeMs - timestamp) / Self.msPerYear
    }

    /// The 16:00 New York close of day `expiration` as ms since 1970 UTC; a day outside the
    /// calendar's years is taken at 21:00 UTC (16:00 EST).
    static func closeMs(of expiration: Int32) -> Int64 {
        let days = Int(expiration)
        guard CivilDate.representableDays.contains(days) else { return Int64(days) * 86_400_000 + 75_600_000 }
        return NewYorkTime.instant(on: CivilDate(daysSince1970: days), at: TimeOfDay(hour: 16)).secondsSince1970 * 1000
    }
}
