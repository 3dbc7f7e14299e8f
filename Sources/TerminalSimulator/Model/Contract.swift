public import MarketCalendar

/// Call or put.
public enum OptionRight: String, Sendable, Hashable, Comparable, CaseIterable {
    case call = "C"
    case put = "P"

    public static func < (a: OptionRight, b: OptionRight) -> Bool { a == .call && b == .put }
}

/// One listed option: the key both API versions use, with the strike in tenths of a cent
/// (v2's integer form; v3 prints it in dollars).
public struct Contract: Sendable, Hashable, Comparable {
    public var root: String
    public var expiration: CivilDate
    /// Strike × 1000, so $5100.00 is 5_100_000.
    public var strike: Int
    public var right: OptionRight

    public init(root: String, expiration: CivilDate, strike: Int, right: OptionRight) {
        self.root = root
        self.expiration = expiration
        self.strike = strike
        self.right = right
    }

    public var strikeDollars: Double { Double(strike) / 1000 }

    /// The order the Terminal streams a chain in: expiration, strike, call before put.
    public static func < (a: Contract, b: Contract) -> Bool {
        (a.root, a.expiration.daysSince1970, a.strike, a.right.rawValue)
            < (b.root, b.expiration.daysSince1970, b.strike, b.right.rawValue)
    }
}
