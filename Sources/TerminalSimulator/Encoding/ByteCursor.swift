import MarketCalendar

/// Writes the few number and date forms the Terminal prints into room a `ByteSink` reserved,
/// without bounds checks: the caller reserves the most a row can take.
struct ByteCursor {
    private let base: UnsafeMutablePointer<UInt8>
    private(set) var offset = 0

    init(_ base: UnsafeMutablePointer<UInt8>) { self.base = base }

    mutating func byte(_ b: UInt8) {
        base[offset] = b
        offset += 1
    }

    /// A literal: field names, separators.
    mutating func ascii(_ s: StaticString) {
        (base + offset).update(from: s.utf8Start, count: s.utf8CodeUnitCount)
        offset += s.utf8CodeUnitCount
    }

    /// A short string such as a root; its length is part of what the caller reserved.
    mutating func text(_ s: String) {
        for b in s.utf8 { byte(b) }
    }

    mutating func int(_ value: Int) {
        if value < 0 { byte(UInt8(ascii: "-")) }
        unsigned(value.magnitude)
    }

    private mutating func unsigned(_ value: UInt) {
        var digits = 1
        var probe = value
        while probe >= 10 { probe /= 10; digits += 1 }
        var v = value
        var i = offset + digits - 1
        repeat {
            base[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
            v /= 10
            i -= 1
        } while v > 0
        offset += digits
    }

    /// `value` with exactly `places` (2, 3 or 4) decimals; values are pre-rounded, so exact.
    /// Each case has its own constant divisor, which the compiler turns into a multiply.
    mutating func fixed(_ value: Double, places: Int) {
        switch places {
        case 2: fixed(value, scale: 100, places: 2)
        case 3: fixed(value, scale: 1000, places: 3)
        default: fixed(value, scale: 10_000, places: 4)
        }
    }

    @inline(__always)
    private mutating func fixed(_ value: Double, scale: UInt, places: Int) {
        let scaled = value * Double(scale)
        // Half away from zero, as `rounded()` does, without the libm call: the values are
        // already on the grid, so there are no ties to break.
        let m = UInt(scaled.magnitude + 0.5)
        if scaled < 0 && m != 0 { byte(UInt8(ascii: "-")) }
        unsigned(m / scale)
        byte(UInt8(ascii: "."))
        var frac = m % scale
        var i = offset + places
        while i > offset {
            i -= 1
            base[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: frac % 10)
            frac /= 10
        }
        offset += places
    }

    mutating func twoDigits(_ v: Int) {
        base[offset] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v / 10)
        base[offset + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
        offset += 2
    }

    /// `YYYY-MM-DD`.
    mutating func isoDate(_ d: CivilDate) {
        int(d.year)
        byte(UInt8(ascii: "-")); twoDigits(d.month)
        byte(UInt8(ascii: "-")); twoDigits(d.day)
    }

    /// `YYYYMMDD` as an integer, v2's date form.
    mutating func compactDate(_ d: CivilDate) { int(d.year * 10_000 + d.month * 100 + d.day) }

    /// `YYYY-MM-DDTHH:mm:ss.SSS`, New York time without an offset, as v3 prints timestamps.
    mutating func timestamp(_ d: CivilDate, _ ms: Int) {
        isoDate(d)
        byte(UInt8(ascii: "T"))
        twoDigits(ms / 3_600_000)
        byte(UInt8(ascii: ":")); twoDigits(ms / 60_000 % 60)
        byte(UInt8(ascii: ":")); twoDigits(ms / 1000 % 60)
        byte(UInt8(ascii: "."))
        let millis = ms % 1000
        byte(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: millis / 100))
        twoDigits(millis % 100)
    }
}
