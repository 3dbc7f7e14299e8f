/// The checks of a row's greeks and implied volatility against what the model allows
/// (Black-Scholes-Merton, with ThetaData's units):
///
/// - G1 (rows with a delta, right C or P): a call delta outside [0, 1], a put delta outside [−1, 0].
/// - G2 (rows with a gamma or a vega): either negative.
/// - G3 (warning; rows with any of rho, epsilon, lambda, theta): a sign the model does not
///   give: rho < 0 for a call or > 0 for a put; epsilon > 0 for a call or < 0 for a put;
///   lambda < 0 for a call or > 0 for a put; theta > 0 for an option at or out of the money
///   (no intrinsic value against the row's underlying_price; without one, theta is not judged).
///   In the money, the carry (r·K for a put, q·S for a call) can outweigh the time decay, and
///   the Terminal prices every root with Black-Scholes: its deep in-the-money puts gain value
///   as expiry nears. A test of the time value instead (mid ≥ intrinsic − a tick) wrongly flags
///   those: the carry of the last day is below a tick, and with time decay A·√τ and carry B·τ
///   theta turns positive from B√τ > A/2 while the time value turns negative only from B√τ > A.
/// - G4 (rows with a vega, S > 0, before the expiration's close): vega above 0.3989 · S · √T.
///   ThetaData's vega is per 1.0 of volatility (the 2026 OpenAPI example: AAPL 275 call,
///   S 225.74, 149 days, implied volatility 0.2142, vega 26.32 = S·φ(d1)·√T; per point it
///   would be 0.26), and S·e^(−qT)·φ(d1)·√T never exceeds S·√T/√(2π), so above the ceiling
///   the vega is wrong whatever the rates. A vega per point of volatility (the simulator's,
///   100 times smaller) passes. Half a unit of the Terminal's fourth decimal is allowed.
/// - I1 (warning; two-sided rows with an implied_vol): not computed: ≤ 0, not a number, or
///   an iv_error of 100 or more (the Terminal's placeholder fit; anything from 100% error on is unusable).
/// - I3 (funnel; rows with iv > 0): outside `ivFunnelLow`-`ivFunnelHigh` (5%-100%,
///   Constantinides-Jackwerth-Savov's filter).
/// - I4 (rows with iv > 0 whose expiration is not the row's date): below `ivPlausibleLow` or
///   above `ivPlausibleHigh`; the expiration day's last hours legitimately reach either.
struct GreekChecks {
    private(set) var g1 = CheckTally(), g2 = CheckTally(), g3 = CheckTally(), g4 = CheckTally()
    private(set) var i1 = CheckTally(), i3 = CheckTally(), i4 = CheckTally()
    private let thresholds: QualityThresholds
    private var clock = ExpirationClock()

    /// 1/√(2π), the standard normal density's peak: the 0.3989 of the vega ceiling.
    static let normalPeak = 0.398_942_280_401_432_7
    /// Half a unit of the fourth decimal the Terminal prints greeks with.
    static let printedRounding = 0.000_05
    /// The iv_error from which the Terminal's implied volatility is a placeholder.
    static let placeholderError = 100.0

    init(thresholds: QualityThresholds) { self.thresholds = thresholds }

    mutating func scan(_ g: ScanGroup) {
        let c = g.columns
        if let delta = g.delta {
            for row in 0..<g.count where delta.isPresent(row) {
                let d = delta.values[row], right = c.right[row]
                if right == UInt8(ascii: "C") {
                    g1.count(failed: !(d >= 0 && d <= 1), key: g.key(row) + " delta \(d)")
                } else if right == UInt8(ascii: "P") {
                    g1.count(failed: !(d >= -1 && d <= 0), key: g.key(row) + " delta \(d)")
                }
            }
        }
        if g.gamma != nil || g.vega != nil {
            for row in 0..<g.count where g.gamma?.isPresent(row) ?? false || g.vega?.isPresent(row) ?? false {
                let negative = (g.gamma?.values[row] ?? 0) < 0 || (g.vega?.values[row] ?? 0) < 0
                g2.count(failed: negative, key: g.key(row))
            }
        }
        signs(g)
        vegaCeiling(g)
        volatility(g)
    }

    private mutating func signs(_ g: ScanGroup) {
        guard g.rho != nil || g.epsilon != nil || g.lambda != nil || g.theta != nil else { return }
        let c = g.columns
        for row in 0..<g.count {
            let right = c.right[row]
            guard right == UInt8(ascii: "C") || right == UInt8(ascii: "P") else { continue }
            let present = (g.rho?.isPresent(row) ?? false) || (g.epsilon?.isPresent(row) ?? false)
                || (g.lambda?.isPresent(row) ?? false) || (g.theta?.isPresent(row) ?? false)
            guard present else { continue }
            // +1 for a call, −1 for a put: each greek's expected sign times this is ≥ 0.
            let sign = right == UInt8(ascii: "C") ? 1.0 : -1.0
            var wrong = sign * (g.rho?.values[row] ?? 0) < 0 || sign * (g.epsilon?.values[row] ?? 0) > 0
                || sign * (g.lambda?.values[row] ?? 0) < 0
            if !wrong, let theta = g.theta?.values[row], theta > 0, let s = g.underlyingPrice?.values[row], s > 0 {
                wrong = sign * (s - Double(c.strike[row]) / 1000) <= 0
            }
            g3.count(failed: wrong, key: g.key(row))
        }
    }

    private mutating func vegaCeiling(_ g: ScanGroup) {
        guard let vega = g.vega, let spot = g.underlyingPrice else { return }
        let c = g.columns
        for row in 0..<g.count where vega.isPresent(row) {
            let s = spot.values[row]
            guard s > 0 else { continue }
            let t = clock.years(to: c.expiration[row], from: c.timestamp[row])
            guard t > 0 else { continue }
            let ceiling = Self.normalPeak * s * t.squareRoot() + Self.printedRounding
            g4.count(failed: vega.values[row] > ceiling, key: g.key(row) + " vega \(vega.values[row]) ceiling \(ceiling)")
        }
    }

    private mutating func volatility(_ g: ScanGroup) {
        guard let iv = g.impliedVol else { return }
        let c = g.columns
        let twoSided = g.bid != nil && g.ask != nil
        for row in 0..<g.count where iv.isPresent(row) {
            let v = iv.values[row]
            if twoSided, let b = g.bid?.values[row], let a = g.ask?.values[row], b > 0, a > 0 {
                let placeholder = (g.ivError?.isPresent(row) ?? false) && g.ivError!.values[row] >= Self.placeholderError
                i1.count(failed: !(v > 0) || placeholder, key: g.key(row) + " iv \(v)")
            }
            guard v > 0 else { continue }
            i3.count(failed: v < thresholds.ivFunnelLow || v > thresholds.ivFunnelHigh, key: g.key(row))
            if c.expiration[row] != c.date[row] {
                i4.count(failed: v < thresholds.ivPlausibleLow || v > thresholds.ivPlausibleHigh, key: g.key(row) + " iv \(v)")
            }
        }
    }
}
