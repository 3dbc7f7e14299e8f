/// JSON strings: validation (escapes, control characters, UTF-8) and unescaping.
extension LineParser {
    /// A string just scanned: its contents are `start..<stop` of the line, without quotes.
    struct StringToken {
        var start: Int
        var stop: Int
        var hasEscapes: Bool
    }

    /// Scans the string whose opening quote is at the cursor and moves past its closing
    /// quote. The contents are checked in full: escapes, control characters, UTF-8.
    @inline(__always)
    mutating func scanString() throws(NDJSONError) -> StringToken {
        position += 1  // the opening quote, checked by the caller
        var token = StringToken(start: position, stop: position, hasEscapes: false)
        while position < end {
            let c = base[position]
            // One comparison settles the plain bytes that make up nearly every string.
            if c >= 0x20 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") && c < 0x80 {
                position += 1
                continue
            }
            if c == UInt8(ascii: "\"") {
                token.stop = position
                position += 1
                return token
            }
            if c == UInt8(ascii: "\\") {
                token.hasEscapes = true
                try scanEscape()
            } else if c < 0x20 {
                throw error(.malformedJSON, "a control character (\(Self.show(c))) inside a string; it must be escaped")
            } else {
                let n = Self.utf8SequenceLength(base + position, remaining: remaining)
                guard n > 0 else { throw error(.malformedJSON, "invalid UTF-8 (\(Self.show(c))) inside a string") }
                position += n
            }
        }
        throw error(.malformedJSON, "the line ends inside a string")
    }

    /// Checks the escape at the cursor (a backslash) and moves past it.
    private mutating func scanEscape() throws(NDJSONError) {
        guard position + 1 < end else { throw error(.malformedJSON, "the line ends inside a string") }
        switch base[position + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
        case UInt8(ascii: "u"):
            let escapeStart = position
            guard let unit = hex4(at: position + 2) else {
                throw error(.malformedJSON, "\\u must be followed by 4 hex digits")
            }
            position += 6
            if unit & 0xFC00 == 0xD800 {
                // A high surrogate must be followed by an escaped low one: a pair is one
                // character beyond U+FFFF; alone it has no UTF-8 form.
                guard position + 1 < end, base[position] == UInt8(ascii: "\\"), base[position + 1] == UInt8(ascii: "u"),
                      let low = hex4(at: position + 2), low & 0xFC00 == 0xDC00 else {
                    throw error(.malformedJSON, "a UTF-16 high surrogate without its low half", at: escapeStart)
                }
                position += 6
            } else if unit & 0xFC00 == 0xDC00 {
                throw error(.malformedJSON, "a UTF-16 low surrogate without its high half", at: escapeStart)
            }
        default:
            throw error(.malformedJSON, "an invalid escape \\\(Self.show(base[position + 1]))")
        }
    }

    /// The value of the 4 hex digits at `index`, or nil.
    private func hex4(at index: Int) -> UInt32? {
        guard index + 4 <= end else { return nil }
        var value: UInt32 = 0
        for k in index..<index + 4 {
            let c = base[k]
            let digit: UInt8
            if c &- 0x30 < 10 {
                digit = c &- 0x30
            } else if (c | 0x20) &- 0x61 < 6 {
                digit = (c | 0x20) &- 0x61 + 10
            } else {
                return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Appends the unescaped UTF-8 of a scanned string to `out`.
    func unescape(_ token: StringToken, into out: inout [UInt8]) {
        var i = token.start
        while i < token.stop {
            let c = base[i]
            guard c == UInt8(ascii: "\\"), i + 1 < token.stop else {
                out.append(c)
                i += 1
                continue
            }
            let e = base[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(at: i) ?? 0xFFFD
                i += 4
                if scalar & 0xFC00 == 0xD800, i + 6 <= token.stop, let low = hex4(at: i + 2) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                Self.appendUTF8(scalar, to: &out)
            default: out.append(e)  // \" \\ \/
            }
        }
    }

    /// Appends the UTF-8 encoding of a Unicode scalar value.
    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            out.append(UInt8(scalar))
        case ..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The length of the well-formed UTF-8 sequence at `p` that starts with a byte ≥ 0x80,
    /// or 0 if it is malformed (overlong forms, surrogates and values past U+10FFFF included),
    /// following the table of well-formed byte sequences in the Unicode standard (3.9).
    static func utf8SequenceLength(_ p: UnsafePointer<UInt8>, remaining: Int) -> Int {
        let lead = p[0]
        @inline(__always) func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            k < remaining && p[k] >= low && p[k] <= high
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0:
            return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xED:
            return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xE1...0xEF:
            return continuation(1) && continuation(2) ? 3 : 0
        case 0xF0:
            return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4:
            return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default:
            return 0
        }
    }
}
