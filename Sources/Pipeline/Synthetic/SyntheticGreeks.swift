#if canImport(Glibc)
import Glibc
#endif

/// A deterministic stand-in for one trading day of SPX greeks, written as the NDJSON the
/// staging files hold. Contracts follow Black-Scholes on a skewed smile around a random-walk
/// underlying; bids and asks sit on the SPX tick grid; greeks are rounded to 4 decimals.
/// It exists so the tool's main job can run anywhere without a data vendor.
public struct SyntheticGreeks: Sendable {
    public var seed: UInt64
    /// 2024-03-12, a regular session.
    public var date = 20_240_312
    public var expirations = 6
    public var strikesPerExpiration = 40

    public init(seed: UInt64 = 1) { self.seed = seed }

    public static let minutes = 390
    static let openMs = 34_200_000

    /// Rows the file will hold: contracts × 390 minutes.
    public var rowCount: Int { expirations * strikesPerExpiration * 2 * Self.minutes }

    /// Writes the day to `path`.
    public func write(to path: String) throws {
        guard let file = fopen(path, "w") else {
            throw SyntheticError(message: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var rng = seed ^ 0x5DEE_CE66
        func uniform() -> Double {
            rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(rng >> 11) / Double(1 << 53)
        }
        var path: [Double] = []
        var spot = 5111.35
        for _ in 0..<Self.minutes {
            path.append((spot * 100).rounded() / 100)
            spot *= 1 + (uniform() - 0.5) * 0.0012
        }
        var line = ""
        line.reserveCapacity(400)
        for e in 0..<expirations {
            let days = [0, 1, 3, 10, 31, 94][e % 6] + 7 * (e / 6)
            let expiration = Self.addDays(date, days)
            let root = e == 4 ? "SPX" : "SPXW"
            let t = max(Double(days) + 0.3, 0.05) / 365
            for s in 0..<strikesPerExpiration {
                let strike = Double(5000 + (s - strikesPerExpiration / 2) * 5 + 100)
                for right in ["C", "P"] {
                    for m in 0..<Self.minutes {
                        let u = path[m]
                        let k = log(strike / u)
                        let vol = 0.13 + 0.9 * k * k - 0.25 * k + 0.02 / (1 + 30 * t)
                        let g = BlackScholes(spot: u, strike: strike, years: t, vol: vol, call: right == "C")
                        let tick = g.price < 3 ? 0.05 : 0.10
                        let bid = max(0, ((g.price - tick) / tick).rounded(.down) * tick)
                        let ask = ((g.price + tick) / tick).rounded(.up) * tick
                        let ms = Self.openMs + m * 60_000
                        line.removeAll(keepingCapacity: true)
                        line += "{\"root\":\"\(root)\",\"expiration\":\(expiration),\"strike\":\(Int(strike) * 1000),"
                        line += "\"right\":\"\(right)\",\"date\":\(date),\"ms_of_day\":\(ms),"
                        line += "\"bid\":\(r(bid, 2)),\"ask\":\(r(ask, 2)),\"delta\":\(r(g.delta, 4)),"
                        line += "\"theta\":\(r(g.theta, 4)),\"vega\":\(r(g.vega, 4)),\"rho\":\(r(g.rho, 4)),"
                        line += "\"epsilon\":\(r(-g.rho * 0.9, 4)),\"lambda\":\(r(g.lambda, 4)),"
                        line += "\"implied_vol\":\(r(vol, 4)),\"iv_error\":\(r(uniform() * 0.002, 4)),"
                        line += "\"ms_of_day2\":\(ms - Int(uniform() * 900)),\"underlying_price\":\(r(u, 2))}\n"
                        fputs(line, file)
                    }
                }
            }
        }
        guard ferror(file) == 0 else { throw SyntheticError(message: "writing \(path) failed") }
    }

    private func r(_ v: Double, _ places: Int) -> String {
        let scale = places == 2 ? 100.0 : 10_000.0
        let x = (v * scale).rounded() / scale
        // Floats always carry a decimal point in staging files, as typed JSON writers do.
        let text = "\(x == 0 ? 0 : x)"
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }

    /// `yyyymmdd` plus `days` calendar days.
    static func addDays(_ yyyymmdd: Int, _ days: Int) -> Int {
        var y = yyyymmdd / 10_000, m = yyyymmdd / 100 % 100, d = yyyymmdd % 100 + days
        while true {
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
            let length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
            if d <= length { return y * 10_000 + m * 100 + d }
            d -= length
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
    }
}

public struct SyntheticError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Black-Scholes price and greeks with fixed rate and dividend yield.
struct BlackScholes {
    var price = 0.0, delta = 0.0, theta = 0.0, vega = 0.0, rho = 0.0, lambda = 0.0

    init(spot: Double, strike: Double, years t: Double, vol: Double, call: Bool) {
        let r = 0.053, q = 0.013
        let sq = vol * t.squareRoot()
        let d1 = (log(spot / strike) + (r - q + vol * vol / 2) * t) / sq
        let d2 = d1 - sq
        let pdf = exp(-d1 * d1 / 2) / (2 * Double.pi).squareRoot()
        func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
        let dq = exp(-q * t), dr = exp(-r * t)
        if call {
            price = spot * dq * cdf(d1) - strike * dr * cdf(d2)
            delta = dq * cdf(d1)
            rho = strike * t * dr * cdf(d2) / 100
        } else {
            price = strike * dr * cdf(-d2) - spot * dq * cdf(-d1)
            delta = -dq * cdf(-d1)
            rho = -strike * t * dr * cdf(-d2) / 100
        }
        vega = spot * dq * pdf * t.squareRoot() / 100
        theta = (-spot * dq * pdf * vol / (2 * t.squareRoot()) - (call ? 1 : -1) * (r * strike * dr * cdf(call ? d2 : -d2) - q * spot * dq * cdf(call ? d1 : -d1))) / 365
        lambda = price > 0.01 ? delta * spot / price : 0
    }
}
