import MarketCalendar

/// Parsers for single field values, on bytes without quotes or surrounding spaces.
///
/// Numbers are read without building a `String`: a significand of up to 19 digits and a
/// power of ten up to 10^22 are both exact doubles when the significand is below 2^53
/// (Clinger's fast path), so one IEEE multiply or divide rounds correctly. Every price and
/// greek the Terminal writes fits; anything else goes to the standard library's correctly
/// rounded parser. The result is the double nearest the text either way.
enum FieldParser {
    /// 10^0 ... 10^22, every one exactly representable.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    /// A decimal number such as `-12.4500`, `3`, `1.5e-7`; nil when the text is not one.
    @inline(__always)
    static func double(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        var i = 0
        let negative = count > 0 && p[0] == UInt8(ascii: "-")
        if negative || (count > 0 && p[0] == UInt8(ascii: "+")) { i = 1 }
        var significand: UInt64 = 0
        var digits = 0
        var exponent = 0
        let integerStart = i
        while i < count, isDigit(p[i]) {
            significand = significand &* 10 &+ UInt64(p[i] &- 0x30)
            digits += 1
            i += 1
        }
        var sawDigits = i > integerStart
        if i < count && p[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < count, isDigit(p[i]) {
                significand = significand &* 10 &+ UInt64(p[i] &- 0x30)
                digits += 1
                i += 1
            }
            exponent = fractionStart - i
            sawDigits = sawDigits || i > fractionStart
        }
        guard sawDigits else { return nil }
        // Leading zeros do not count against the 19 digits that fit without overflow.
        if i == count && digits <= 19 && significand <= 1 << 53 && exponent >= -22 {
            let magnitude = Double(significand) / exactPowersOfTen[-exponent]
            return negative ? -magnitude : magnitude
        }
        return slowDouble(p, count)
    }

    /// Exponents, long significands and anything odd: the standard library decides.
    private static func slowDouble(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        let text = String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        // `Double("nan")`, `"inf"` and hex floats parse; the Terminal writes none of them.
        guard text.utf8.allSatisfy({ isDigit($0) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 | 0x20 == 0x65 })
        else { return nil }
        return value
    }

    /// An integer with an optional sign, or nil (also on overflow).
    @inline(__always)
    static func integer(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
        var i = 0
        let negative = count > 0 && p[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        guard i < count, count - i <= 18 else { return count - i > 18 ? slowInteger(p, count) : nil }
        var value: Int64 = 0
        while i < count {
            let d = p[i] &- 0x30
            guard d < 10 else { return nil }
            value = value &* 10 &+ Int64(d)
            i += 1
        }
        return negative ? -value : value
    }

    private static func slowInteger(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
        Int64(String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self))
    }

    /// A strike in dollars (`5100.000`, `262.5`, `5100`) as tenths of a cent, by integer
    /// arithmetic so no strike is ever off by a float rounding. Digits past the third decimal
    /// round half up.
    static func strikeDollars(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
        var i = 0
        var whole: Int64 = 0
        while i < count, isDigit(p[i]) {
            guard i < 12 else { return nil }
            whole = whole * 10 + Int64(p[i] &- 0x30)
            i += 1
        }
        guard i > 0 else { return nil }
        var thousandths: Int64 = 0
        if i < count {
            guard p[i] == UInt8(ascii: ".") else { return nil }
            i += 1
            var place = 0
            while i < count {
                guard isDigit(p[i]) else { return nil }
                let d = Int64(p[i] &- 0x30)
                if place < 3 {
                    thousandths = thousandths * 10 + d
                } else if place == 3 && d >= 5 {
                    thousandths += 1
                }
                place += 1
                i += 1
            }
            for _ in min(place, 3)..<3 { thousandths *= 10 }
        }
        return whole * 1000 + thousandths
    }

    /// A date as `YYYYMMDD` from `20240315` or `2024-03-15`.
    @inline(__always)
    static func date(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int32? {
        if count == 8 { return digits(p, 8).map(Int32.init) }
        guard count == 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"),
            let y = digits(p, 4), let m = digits(p + 5, 2), let d = digits(p + 8, 2)
        else { return nil }
        return Int32(y * 10_000 + m * 100 + d)
    }

    /// A v3 timestamp `2024-03-15T09:30:00.000` (New York time, no offset) as its date and
    /// ms of day. The fraction may be shortened (`.43`) or absent; a space may replace `T`.
    @inline(__always)
    static func timestamp(_ p: UnsafePointer<UInt8>, _ count: Int) -> (date: Int32, msOfDay: Int32)? {
        guard count >= 19, p[10] == UInt8(ascii: "T") || p[10] == UInt8(ascii: " "),
            let date = date(p, 10), let ms = timeOfDay(p + 11, count - 11)
        else { return nil }
        return (date, ms)
    }

    /// A date and time of day as New York wall-clock ms since 1970-01-01 00:00 (the calendar
    /// date's day number times 86 400 000, plus the ms of day); nil for an impossible date.
    static func wallClockMs(_ t: (date: Int32, msOfDay: Int32)) -> Int64? {
        let y = Int(t.date / 10_000), m = Int(t.date / 100 % 100), d = Int(t.date % 100)
        guard let date = CivilDate(year: y, month: m, day: d) else { return nil }
        return Int64(date.daysSince1970) * 86_400_000 + Int64(t.msOfDay)
    }

    /// `HH:MM:SS[.fff]` as ms of day.
    @inline(__always)
    static func timeOfDay(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int32? {
        guard count >= 8, p[2] == UInt8(ascii: ":"), p[5] == UInt8(ascii: ":"),
            let h = digits(p, 2), let m = digits(p + 3, 2), let s = digits(p + 6, 2), h < 24, m < 60, s < 61
        else { return nil }
        var ms = 0
        if count > 8 {
            guard p[8] == UInt8(ascii: "."), count > 9, count <= 12, let f = digits(p + 9, count - 9) else { return nil }
            ms = f * [1, 100, 10, 1][count - 9]
        }
        return Int32(((h * 60 + m) * 60 + s) * 1000 + ms)
    }

    /// `count` ASCII digits as a number, or nil if any is not a digit.
    @inline(__always)
    static func digits(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        var value = 0
        for i in 0..<count {
            let d = p[i] &- 0x30
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
        }
        return value
    }
}
