#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func naturalLog(_ x: Double) -> Double { log(x) }
func exponential(_ x: Double) -> Double { exp(x) }
func cosine(_ x: Double) -> Double { cos(x) }
func sine(_ x: Double) -> Double { sin(x) }

/// Black-Scholes-Merton price and first-order greeks, with the units the Terminal reports:
/// theta per calendar day; vega, rho and epsilon per 1.0 of volatility, rate or dividend yield
/// (a live answer for an SPXW put 9 days out, S 6816.63, IV 0.1741: vega 398.39, rho −85.18,
/// the raw derivatives, not per point).
/// The same model as Pipeline's synthetic day (which this target cannot import, since Pipeline
/// pulls in Parquet), plus epsilon; the higher orders are in `BlackScholes+HigherOrder.swift`.
struct BlackScholes {
    static let rate = 0.053
    static let dividendYield = 0.013

    var price = 0.0, delta = 0.0, theta = 0.0, vega = 0.0, rho = 0.0, epsilon = 0.0, lambda = 0.0
    /// What the higher orders are built from.
    let spot: Double, years: Double, vol: Double, call: Bool
    private(set) var d1 = 0.0, d2 = 0.0, pdf = 0.0, sqrtT = 0.0
    /// e^(-qt), the dividend discount.
    private(set) var dividendDiscount = 1.0

    init(spot: Double, strike: Double, years t: Double, vol: Double, call: Bool) {
        (self.spot, self.years, self.vol, self.call) = (spot, t, vol, call)
        let r = Self.rate, q = Self.dividendYield
        let sqrtT = t.squareRoot()
        let sq = vol * sqrtT
        let d1 = (log(spot / strike) + (r - q + vol * vol / 2) * t) / sq
        let d2 = d1 - sq
        let pdf = exp(-d1 * d1 / 2) / (2 * Double.pi).squareRoot()
        (self.d1, self.d2, self.pdf, self.sqrtT) = (d1, d2, pdf, sqrtT)
        let dq = exp(-q * t), dr = exp(-r * t)
        dividendDiscount = dq
        let sign = call ? 1.0 : -1.0
        let nd1 = Self.cdf(sign * d1), nd2 = Self.cdf(sign * d2)
        price = sign * (spot * dq * nd1 - strike * dr * nd2)
        delta = sign * dq * nd1
        rho = sign * strike * t * dr * nd2
        epsilon = -sign * spot * t * dq * nd1
        vega = spot * dq * pdf * sqrtT
        theta = (-spot * dq * pdf * vol / (2 * sqrtT) - sign * r * strike * dr * nd2 + sign * q * spot * dq * nd1) / 365
        lambda = price > 0.005 ? delta * spot / price : 0
    }

    static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
}
