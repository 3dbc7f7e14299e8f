#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The checks of a row's quote against itself, its tick grid and no-arbitrage bounds:
///
/// - V2 (two-sided rows: bid > 0 and ask > 0): crossed, bid above ask.
/// - V3 (warning; two-sided rows): locked, bid equal to ask.
/// - V4 (funnel; rows with a bid): a zero bid, a filter of the usual samples.
/// - V5 (rows with a positive bid or ask, of roots whose grid is known): a positive price off
///   the grid: SPX and SPXW $0.05 below $3.00 and $0.10 from $3.00, SPY, QQQ and IWM $0.01
///   (compared in whole cents, within 1e-6 of a cent).
/// - V6 (rows with bid > 0 and underlying_price > 0): a call bid above S, or a put bid above
///   the strike: more than the option can ever pay.
/// - V7 (rows with ask > 0 and S > 0, of roots whose exercise style is known): the ask more
///   than one tick (at the bound's level) below the no-arbitrage lower bound. American roots
///   (SPY, QQQ, IWM) are worth their intrinsic value max(S − K, 0) or max(K − S, 0); a European
///   index option (SPX, SPXW, NDX, NDXP, RUT, RUTW, XSP) only its discounted forward's, so the
///   bound is the most lenient over any rate r in [0, 0.10] and dividend yield q in [0, 0.05]:
///   a call S·e^(−0.05T) − K, a put K·e^(−0.10T) − S (Merton's bounds; T in years to the
///   expiration's 16:00 New York close). Deep in-the-money European puts do trade below
///   intrinsic value; this bound lets them.
struct QuoteChecks {
    private(set) var v2 = CheckTally(), v3 = CheckTally(), v4 = CheckTally(), v5 = CheckTally()
    private(set) var v6 = CheckTally(), v7 = CheckTally()
    private var clock = ExpirationClock()

    /// The European bound's most lenient carry: the highest dividend yield for calls, the
    /// highest rate for puts, each a ceiling no index has reached.
    static let maxDividendYield = 0.05
    static let maxRate = 0.10

    mutating func scan(_ g: ScanGroup) {
        guard let bid = g.bid, let ask = g.ask else { return }
        let c = g.columns
        for row in 0..<g.count {
            let b = bid.values[row], a = ask.values[row]
            if bid.isPresent(row) { v4.count(failed: b == 0, key: g.key(row)) }
            if b > 0 && a > 0 {
                v2.count(failed: b > a, key: g.key(row) + " bid \(b) ask \(a)")
                v3.count(failed: b == a, key: g.key(row) + " at \(b)")
            }
            if b > 0 || a > 0 {
                let rules = g.rules(row)
                if rules.grid != nil {
                    let off = (b > 0 && !rules.isOnGrid(b)) || (a > 0 && !rules.isOnGrid(a))
                    v5.count(failed: off, key: g.key(row) + " bid \(b) ask \(a)")
                }
            }
        }
        guard let spot = g.underlyingPrice else { return }
        for row in 0..<g.count {
            let s = spot.values[row], right = c.right[row]
            guard s > 0, right == UInt8(ascii: "C") || right == UInt8(ascii: "P") else { continue }
            let call = right == UInt8(ascii: "C")
            let strike = Double(c.strike[row]) / 1000
            let b = bid.values[row], a = ask.values[row]
            if b > 0 { v6.count(failed: b > (call ? s : strike), key: g.key(row) + " bid \(b) S \(s)") }
            if a > 0 { lowerBound(g, row, ask: a, spot: s, strike: strike, call: call) }
        }
    }

    private mutating func lowerBound(_ g: ScanGroup, _ row: Int, ask: Double, spot: Double, strike: Double, call: Bool) {
        let rules = g.rules(row)
        guard rules.exercise != .unknown else { return }
        let intrinsic = call ? spot - strike : strike - spot
        // No bound exceeds the intrinsic value: an ask at or above it passes without an exp().
        guard ask < intrinsic else {
            v7.evaluated += 1
            return
        }
        var bound = intrinsic
        if rules.exercise == .european {
            let t = max(clock.years(to: g.columns.expiration[row], from: g.columns.timestamp[row]), 0)
            bound = call ? spot * exp(-Self.maxDividendYield * t) - strike : strike * exp(-Self.maxRate * t) - spot
        }
        v7.count(failed: ask < bound - rules.tick(at: bound), key: g.key(row) + " ask \(ask) bound \(bound)")
    }
}
