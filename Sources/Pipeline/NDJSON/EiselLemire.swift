/// The Eisel-Lemire algorithm: the double nearest to `w × 10^q` for a decimal significand
/// `w` of up to 19 digits, from one or two 64×64-bit products with a 128-bit power of five.
///
/// Daniel Lemire, "Number Parsing at a Gigabyte per Second" (2021), as in `fast_float`;
/// Mushtak and Lemire, "Fast Number Parsing Without Fallback" (2023), prove that the
/// 128-bit product always suffices for such significands, so there is no failure case.
enum EiselLemire {
    private static let mantissaBits = 52
    private static let minimumExponent = -1023
    private static let infinitePower = 0x7FF
    // Only between these powers of ten can a product land exactly halfway between two
    // doubles (5^q must fit in 64 bits), so only there does round-to-even need care.
    private static let minimumRoundToEven = -4
    private static let maximumRoundToEven = 23

    /// The bit pattern of the positive double nearest to `w × 10^q`, for `w > 0`.
    static func bits(significand w: UInt64, exponent q: Int) -> UInt64 {
        if q < PowersOfFive.smallestExponent { return 0 }
        if q > PowersOfFive.largestExponent { return UInt64(infinitePower) << mantissaBits }
        let leadingZeros = w.leadingZeroBitCount
        let normalized = w << leadingZeros
        let (high, low) = product(normalized, q)

        let upperBit = Int(high >> 63)
        let shift = upperBit + 64 - mantissaBits - 3
        var mantissa = high >> shift
        // floor(log2(10^q)) + 63, via a fixed-point multiply valid for |q| < 1700.
        var power2 = ((152_170 + 65_536) * q) >> 16 + 63 + upperBit - leadingZeros - minimumExponent

        if power2 <= 0 {
            // Subnormal, or zero when more than 64 bits fall below the smallest exponent.
            if -power2 + 1 >= 64 { return 0 }
            mantissa >>= -power2 + 1
            mantissa += mantissa & 1
            mantissa >>= 1
            // Rounding may carry into the smallest normal exponent.
            power2 = mantissa < 1 << mantissaBits ? 0 : 1
            return UInt64(power2) << mantissaBits | (mantissa & ((1 << mantissaBits) - 1))
        }
        // Exactly halfway (only zero bits were shifted out): round to even, not up.
        if low <= 1, q >= minimumRoundToEven, q <= maximumRoundToEven, mantissa & 3 == 1,
           mantissa << shift == high {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= 2 << mantissaBits {
            mantissa = 1 << mantissaBits
            power2 += 1
        }
        mantissa &= ~(1 << mantissaBits)
        if power2 >= infinitePower { return UInt64(infinitePower) << mantissaBits }
        return UInt64(power2) << mantissaBits | mantissa
    }

    /// The top of `w × 5^q` to the precision needed: the second table word is multiplied in
    /// only when the bits below the double's precision are all ones and a carry could matter.
    private static func product(_ w: UInt64, _ q: Int) -> (high: UInt64, low: UInt64) {
        let index = 2 * (q - PowersOfFive.smallestExponent)
        let table = PowersOfFive.table
        var (high, low) = w.multipliedFullWidth(by: table[index])
        let precisionMask = UInt64.max >> (mantissaBits + 3)
        if high & precisionMask == precisionMask {
            let (secondHigh, _) = w.multipliedFullWidth(by: table[index + 1])
            let (sum, carry) = low.addingReportingOverflow(secondHigh)
            low = sum
            if carry { high &+= 1 }
        }
        return (high, low)
    }
}
