/// One option contract, normalised across API versions.
public struct ContractKey: Hashable, Sendable, CustomStringConvertible {
    /// The root (v2) or symbol (v3): `SPX`, `SPXW`.
    public var root: String
    /// Expiration date as `YYYYMMDD`.
    public var expiration: Int32
    /// Strike in tenths of a cent: $5100.00 is 5_100_000 (v2's unit; v3 dollars × 1000, exact).
    public var strike: Int64
    public var right: OptionRight

    public init(root: String, expiration: Int32, strike: Int64, right: OptionRight) {
        self.root = root
        self.expiration = expiration
        self.strike = strike
        self.right = right
    }

    public var description: String { "\(root) \(expiration) \(strike) \(right)" }
}
