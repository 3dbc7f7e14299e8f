/// Fast paths that read up to eight digits at once from one 64-bit word (SWAR).
///
/// Option data is mostly short numbers: dates and times of eight digits, strikes of seven,
/// prices and greeks of a few digits either side of the point. Reading them a word at a time
/// replaces a branch per digit with a handful of arithmetic steps. Each fast path returns nil
/// when the number is not of the simple shape it handles (or the line is too short to load
/// a word); the digit-by-digit scanners then decide, so the accepted grammar is unchanged.
extension DecimalParser {
    /// 10^0 ... 10^8.
    private static let wordPowersOfTen: [UInt64] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

    /// The 8 bytes at `p` as a little-endian word: byte 0 in the low bits.
    @inline(__always)
    static func loadWord(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// How many of the word's bytes, from the first, are ASCII digits (0...8).
    @inline(__always)
    static func leadingDigitCount(_ word: UInt64) -> Int {
        let offset = word &- 0x3030_3030_3030_3030
        // A byte is a digit when subtracting '0' leaves 0...9: neither the result nor the result
        // plus 0x76 reaches 0x80. Borrows and carries only travel upwards, from the first
        // non-digit byte on, so the bytes before it are judged correctly.
        let nonDigits = (offset | (offset &+ 0x7676_7676_7676_7676)) & 0x8080_8080_8080_8080
        return nonDigits.trailingZeroBitCount >> 3
    }

    /// The value of the word's first `count` (1...8) bytes, all digits, as a decimal number.
    @inline(__always)
    static func digitsValue(_ word: UInt64, count: Int) -> UInt64 {
        // Shifting the digits to the top puts zeros before them, which leaves the value alone;
        // then pairs, quads and the two halves are combined with three multiplies.
        var v = (word &- 0x3030_3030_3030_3030) << UInt64(64 - 8 * count)
        v = v &* 10 &+ (v >> 8)
        v = ((v & 0x0000_00FF_0000_00FF) &* 0x000F_4240_0000_0064
            &+ ((v >> 16) & 0x0000_00FF_0000_00FF) &* 0x0000_2710_0000_0001) >> 32
        return v & 0xFFFF_FFFF
    }

    /// An integer of 1-8 digits, without exponent, at `start`; nil when it is of another shape.
    @inline(__always)
    static func fastInt64(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (Int64, Int)? {
        var i = start
        let negative = i < end && base[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard end - i >= 8 else { return nil }
        let word = loadWord(base + i)
        let count = leadingDigitCount(word)
        guard count > 0, count < 8 || (i + 8 < end && !isDigit(base[i + 8])) else { return nil }
        let stop = i + count
        guard count == 1 || base[i] != UInt8(ascii: "0"), stop == end || !continuesNumber(base[stop]) else { return nil }
        let magnitude = Int64(digitsValue(word, count: count))
        return (negative ? -magnitude : magnitude, stop)
    }

    /// A decimal with at most 7 digits before the point and 1-7 after it, no exponent, at
    /// `start`: its significand fits in 53 bits and the divisor is an exact power of ten, so
    /// one division rounds correctly (Clinger). Nil when it is of another shape.
    @inline(__always)
    static func fastDouble(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (Double, Int)? {
        var i = start
        let negative = i < end && base[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard end - i >= 8 else { return nil }
        let integerWord = loadWord(base + i)
        let integerDigits = leadingDigitCount(integerWord)
        guard integerDigits > 0, integerDigits < 8, integerDigits == 1 || base[i] != UInt8(ascii: "0") else { return nil }
        i += integerDigits
        guard base[i] == UInt8(ascii: "."), end - (i + 1) >= 8 else { return nil }
        i += 1
        let fractionWord = loadWord(base + i)
        let fractionDigits = leadingDigitCount(fractionWord)
        guard fractionDigits > 0, fractionDigits < 8 else { return nil }
        i += fractionDigits
        guard !continuesNumber(base[i]) else { return nil }
        let significand = digitsValue(integerWord, count: integerDigits) &* wordPowersOfTen[fractionDigits]
            &+ digitsValue(fractionWord, count: fractionDigits)
        // Below 10^14, so the signed conversion (one instruction on x86-64) is exact.
        let value = Double(Int64(bitPattern: significand)) / exactPowersOfTen[fractionDigits]
        return (negative ? -value : value, i)
    }
}
