#if canImport(Glibc)
import Glibc
#endif

/// Parses JSON numbers to the exactly nearest double and to checked integers.
///
/// The grammar is JSON's, strictly: an optional `-`, an integer part without leading zeros,
/// an optional fraction with at least one digit, an optional exponent. There are no `NaN`
/// or `Infinity` literals; a number too large for a double becomes ±infinity only when
/// correct rounding says so (`1e400`), and `-0.0` keeps its sign.
///
/// Three tiers, each correctly rounded:
/// 1. Clinger's fast path: a significand below 2^53 and a power of ten up to 10^22 are both
///    exact doubles, so one IEEE multiply or divide rounds correctly. Prices to the cent and
///    greeks to 4 decimals, nearly every value in option data, end here.
/// 2. Eisel-Lemire for any other significand of up to 19 digits: a 64×128-bit product with
///    a table of powers of five (see `EiselLemire`).
/// 3. glibc's `strtod` for the rare numbers with more than 19 significant digits whose
///    rounding the truncated significand cannot settle.
public enum DecimalParser {
    /// A JSON number as scanned: `significand × 10^exponent`, with the significand cut to its
    /// first 19 significant digits (`truncated` says whether a non-zero digit was dropped).
    struct Decimal {
        var significand: UInt64 = 0
        var exponent = 0
        var negative = false
        var truncated = false
    }

    /// 10^0 ... 10^22, every one exactly representable.
    static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The double nearest to the JSON number in `bytes`, or nil if `bytes` is not exactly
    /// one JSON number (no surrounding spaces).
    public static func parseDouble(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        guard let (value, end) = scanDouble(base, from: 0, to: bytes.count), end == bytes.count else { return nil }
        return value
    }

    /// A JSON integer (no fraction, no exponent, no leading zeros) that fits Int64, or nil.
    public static func parseInt64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        guard let (value, end) = scanInt64(base, from: 0, to: bytes.count), end == bytes.count else { return nil }
        return value
    }

    /// A JSON integer (no fraction, no exponent, no leading zeros) that fits Int32, or nil.
    public static func parseInt32(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        parseInt64(bytes).flatMap { Int32(exactly: $0) }
    }

    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    /// Bytes that can continue a number token; a number followed by one of these is malformed
    /// (`01`, `1.5.2`, `2e`), however the part before it parsed.
    @inline(__always)
    static func continuesNumber(_ c: UInt8) -> Bool {
        c &- 0x30 < 10 || c == UInt8(ascii: ".") || c | 0x20 == UInt8(ascii: "e") || c == UInt8(ascii: "-")
            || c == UInt8(ascii: "+")
    }

    /// The JSON integer starting at `start`, and where it ends; nil if there is none, it has
    /// a fraction, an exponent or leading zeros, or it does not fit Int64.
    @inline(__always)
    static func scanInt64(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (Int64, Int)? {
        if let fast = fastInt64(base, from: start, to: end) { return fast }
        var i = start
        let negative = i < end && base[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let digitsStart = i
        var magnitude: UInt64 = 0
        // 19 digits cannot overflow UInt64; a 20th is checked below.
        while i < end, isDigit(base[i]), i - digitsStart < 19 {
            magnitude = magnitude &* 10 &+ UInt64(base[i] &- 0x30)
            i += 1
        }
        let digits = i - digitsStart
        guard digits > 0, digits == 1 || base[digitsStart] != UInt8(ascii: "0") else { return nil }
        if i < end && continuesNumber(base[i]) { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return (Int64(truncatingIfNeeded: 0 &- magnitude), i)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return (Int64(magnitude), i)
    }

    /// The double nearest to the JSON number starting at `start`, and where the number ends;
    /// nil if there is no well-formed number there.
    @inline(__always)
    static func scanDouble(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (Double, Int)? {
        if let fast = fastDouble(base, from: start, to: end) { return fast }
        guard let (decimal, stop) = scanDecimal(base, from: start, to: end) else { return nil }
        let d = decimal
        if !d.truncated && d.significand <= 1 << 53 && d.exponent >= -22 && d.exponent <= 22 {
            var value = Double(d.significand)
            if d.exponent < 0 {
                value /= exactPowersOfTen[-d.exponent]
            } else {
                value *= exactPowersOfTen[d.exponent]
            }
            return (d.negative ? -value : value, stop)
        }
        guard let value = slowPath(d, base + start, count: stop - start) else { return nil }
        return (value, stop)
    }

    /// Scans a number's digits into a `Decimal`; nil if the text is not a JSON number.
    @inline(__always)
    static func scanDecimal(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (Decimal, Int)? {
        var d = Decimal()
        var i = start
        if i < end && base[i] == UInt8(ascii: "-") {
            d.negative = true
            i += 1
        }
        guard i < end, isDigit(base[i]) else { return nil }
        var significantDigits = 0
        if base[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < end, isDigit(base[i]) {
                if significantDigits < 19 {
                    d.significand = d.significand &* 10 &+ UInt64(base[i] &- 0x30)
                    significantDigits += 1
                } else {
                    d.exponent += 1
                    if base[i] != UInt8(ascii: "0") { d.truncated = true }
                }
                i += 1
            }
        }
        if i < end && base[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < end, isDigit(base[i]) {
                if significantDigits < 19 {
                    d.significand = d.significand &* 10 &+ UInt64(base[i] &- 0x30)
                    d.exponent -= 1
                    // Zeros before the first non-zero digit only move the exponent.
                    if d.significand != 0 { significantDigits += 1 }
                } else if base[i] != UInt8(ascii: "0") {
                    d.truncated = true
                }
                i += 1
            }
            guard i > fractionStart else { return nil }
        }
        if i < end && base[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var negativeExponent = false
            if i < end && (base[i] == UInt8(ascii: "-") || base[i] == UInt8(ascii: "+")) {
                negativeExponent = base[i] == UInt8(ascii: "-")
                i += 1
            }
            let exponentStart = i
            var e = 0
            while i < end, isDigit(base[i]) {
                // Past any double's range either way; capping keeps the sum from overflowing.
                if e < 1_000_000 { e = e * 10 + Int(base[i] &- 0x30) }
                i += 1
            }
            guard i > exponentStart else { return nil }
            d.exponent += negativeExponent ? -e : e
        }
        if i < end && continuesNumber(base[i]) { return nil }
        return (d, i)
    }

    /// Numbers outside Clinger's fast path.
    static func slowPath(_ d: Decimal, _ text: UnsafePointer<UInt8>, count: Int) -> Double? {
        if d.significand == 0 { return d.negative ? -0.0 : 0.0 }
        let bits: UInt64
        if !d.truncated {
            bits = EiselLemire.bits(significand: d.significand, exponent: d.exponent)
        } else {
            // The true significand lies between the kept digits and the next value up; when
            // both round to the same double, so does the number.
            let low = EiselLemire.bits(significand: d.significand, exponent: d.exponent)
            let high = EiselLemire.bits(significand: d.significand + 1, exponent: d.exponent)
            guard low == high else { return strtodFallback(text, count: count) }
            bits = low
        }
        let magnitude = Double(bitPattern: bits)
        return d.negative ? -magnitude : magnitude
    }

    /// glibc's correctly rounded `strtod` on a NUL-terminated copy of a validated number.
    static func strtodFallback(_ text: UnsafePointer<UInt8>, count: Int) -> Double? {
        let parsed: Double? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer in
            guard let start = buffer.baseAddress else { return nil }
            UnsafeMutableRawPointer(start).copyMemory(from: text, byteCount: count)
            start[count] = 0
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(start, &stop)
            // strtod follows LC_NUMERIC; under a locale whose decimal point is not '.' it
            // stops early, and the standard library's locale-independent parser decides.
            guard let stop, stop - start == count else { return nil }
            return value
        }
        if let parsed { return parsed }
        let string = String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
        return Double(string)
    }
}
