/// Prints a double as the shortest decimal with at most `maxPlaces` places that parses back
/// to the identical double, without allocating; the Terminal's values are such decimals
/// (prices in cents, greeks in 4 places), so nearly every value takes this path.
///
/// Why it is exact: for `n < 2^53` and `p ≤ 22`, both `n` and `10^p` are exact doubles, so
/// `Double(n) / 10^p` is the correctly rounded value of the decimal `n / 10^p`, which is what
/// any correct parser returns for the printed text. The check `Double(n) / 10^p == value`
/// therefore proves the round trip.
enum ShortDecimal {
    static let maxPlaces = 9

    /// Writes `value` at `p` and returns the bytes written (at most 32), or nil when no
    /// decimal of up to `maxPlaces` places round-trips (the caller falls back to `description`).
    @inline(__always)
    static func write(_ value: Double, to p: UnsafeMutablePointer<UInt8>) -> Int? {
        guard value.isFinite, value.magnitude < 9.0e15 else { return nil }
        if value == 0 {
            // Keep the sign of a negative zero, which the integer path would drop.
            guard value.sign == .minus else { p[0] = UInt8(ascii: "0"); return 1 }
            for (k, b) in "-0.0".utf8.enumerated() { p[k] = b }
            return 4
        }
        var places = 0
        var scale = 1.0
        while places <= maxPlaces {
            // Any nearby integer will do as the candidate, since the check below proves it; ties
            // to even compile to one instruction where the default rounding calls libm.
            let scaled = (value * scale).rounded(.toNearestOrEven)
            if scaled / scale == value {
                return print(Int64(scaled), places: places, to: p)
            }
            places += 1
            scale *= 10
            if value.magnitude * scale >= 9.0e15 { return nil }
        }
        return nil
    }

    /// `n / 10^places` as text: `-12.5`, `0.0001`, `7`.
    @inline(__always)
    private static func print(_ n: Int64, places: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
        var i = 0
        if n < 0 {
            p[0] = UInt8(ascii: "-")
            i = 1
        }
        var m = n.magnitude
        var digits = 1
        var probe = m
        while probe >= 10 { probe /= 10; digits += 1 }
        // At least one digit before the point.
        let total = max(digits, places + 1)
        let width = total + (places > 0 ? 1 : 0)
        var j = i + width - 1
        for k in 0..<total {
            if places > 0 && k == places {
                p[j] = UInt8(ascii: ".")
                j -= 1
            }
            p[j] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: m % 10)
            m /= 10
            j -= 1
        }
        return i + width
    }

    /// A whole number, as JSON.
    @inline(__always)
    static func writeInteger(_ n: Int64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        print(n, places: 0, to: p)
    }

    @inline(__always)
    static func writeNull(to p: UnsafeMutablePointer<UInt8>) -> Int {
        p[0] = UInt8(ascii: "n"); p[1] = UInt8(ascii: "u"); p[2] = UInt8(ascii: "l"); p[3] = UInt8(ascii: "l")
        return 4
    }
}
