#if canImport(Glibc)
import Glibc
#endif

/// Parses JSON numbers to the exactly nearest double and to checked integers.
///
/// Most values in market data have few significant digits (prices to the cent, greeks to
/// 4 decimals), so the Clinger fast path applies: a mantissa below 2^53 and a power of ten
/// up to 22 are both exact doubles, and one IEEE multiply or divide rounds correctly.
/// Everything else goes to glibc's `strtod`, which rounds correctly for any input.
public enum DecimalParser {
    static let exactPowers: [Double] = (0...22).map { p in
        var v = 1.0
        for _ in 0..<p { v *= 10 }
        return v
    }

    /// The double nearest to the JSON number in `bytes`, or nil if it is not a JSON number.
    public static func parseDouble(_ bytes: UnsafeRawBufferPointer) -> Double? {
        let n = bytes.count
        guard n > 0 else { return nil }
        var i = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        guard i < n else { return nil }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var truncated = false
        // Integer part: "0" alone or a non-zero digit followed by digits.
        let first = bytes[i]
        guard first &- 48 < 10 else { return nil }
        if first == 48 {
            i += 1
            if i < n, bytes[i] &- 48 < 10 { return nil }
        } else {
            while i < n, bytes[i] &- 48 < 10 {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 48)
                    digits += 1
                } else {
                    exponent += 1
                    if bytes[i] != 48 { truncated = true }
                }
                i += 1
            }
        }
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < n, bytes[i] &- 48 < 10 {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 48)
                    if mantissa != 0 { digits += 1 }
                    exponent -= 1
                } else if bytes[i] != 48 {
                    truncated = true
                }
                i += 1
            }
            guard i > start else { return nil }
        }
        if i < n, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            let start = i
            var e = 0
            while i < n, bytes[i] &- 48 < 10 {
                if e < 100_000 { e = e * 10 + Int(bytes[i] &- 48) }
                i += 1
            }
            guard i > start else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == n else { return nil }
        if !truncated && mantissa < 1 << 53 {
            if mantissa == 0 { return negative ? -0.0 : 0.0 }
            let m = Double(mantissa)
            if exponent >= 0 && exponent <= 22 {
                return negative ? -(m * exactPowers[exponent]) : m * exactPowers[exponent]
            }
            if exponent < 0 && exponent >= -22 {
                return negative ? -(m / exactPowers[-exponent]) : m / exactPowers[-exponent]
            }
        }
        return slowPath(bytes)
    }

    private static func slowPath(_ bytes: UnsafeRawBufferPointer) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
            for k in 0..<bytes.count { buffer[k] = CChar(bitPattern: bytes[k]) }
            buffer[bytes.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            guard let end, end - buffer.baseAddress! == bytes.count else { return nil }
            return value
        }
    }

    /// A JSON integer (no fraction, no exponent, no leading zeros) that fits Int64.
    public static func parseInt64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let n = bytes.count
        guard n > 0 else { return nil }
        var i = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        guard i < n else { return nil }
        if bytes[i] == 48 && n > i + 1 { return nil }
        var magnitude: UInt64 = 0
        while i < n {
            let d = bytes[i] &- 48
            guard d < 10 else { return nil }
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(d))
            guard !o1, !o2 else { return nil }
            magnitude = sum
            i += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    public static func parseInt32(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        parseInt64(bytes).flatMap { Int32(exactly: $0) }
    }
}
