/// Second- and third-order greeks of the same model, in the units of the Terminal's published
/// examples (an AAPL call with vanna 1.1833, vomma 212.2670): per 1.0 of volatility and per
/// year, not per point or per day as vega and theta are.
extension BlackScholes {
    /// Vega per 1.0 of volatility, which vomma and ultima scale.
    private var vegaPerUnit: Double { spot * dividendDiscount * pdf * sqrtT }
    private var carry: Double { Self.rate - Self.dividendYield }

    var gamma: Double { dividendDiscount * pdf / (spot * vol * sqrtT) }

    var vanna: Double { -dividendDiscount * pdf * d2 / vol }

    var charm: Double {
        let sign = call ? 1.0 : -1.0
        let q = Self.dividendYield
        return sign * q * dividendDiscount * Self.cdf(sign * d1)
            - dividendDiscount * pdf * (2 * carry * years - d2 * vol * sqrtT) / (2 * years * vol * sqrtT)
    }

    var vomma: Double { vegaPerUnit * d1 * d2 / vol }

    var veta: Double {
        -vegaPerUnit * (Self.dividendYield + carry * d1 / (vol * sqrtT) - (1 + d1 * d2) / (2 * years))
    }

    var speed: Double { -gamma / spot * (d1 / (vol * sqrtT) + 1) }

    var zomma: Double { gamma * (d1 * d2 - 1) / vol }

    var color: Double {
        -dividendDiscount * pdf / (2 * spot * years * vol * sqrtT)
            * (2 * Self.dividendYield * years + 1 + (2 * carry * years - d2 * vol * sqrtT) * d1 / (vol * sqrtT))
    }

    /// Bounded to ±100 as in the Terminal's published third-order example (`-100.0000`), where
    /// the unbounded value is in the thousands.
    var ultima: Double {
        let raw = -vegaPerUnit / (vol * vol) * (d1 * d2 * (1 - d1 * d2) + d1 * d1 + d2 * d2)
        return min(max(raw, -100), 100)
    }
}
