#if canImport(Glibc)
import Glibc
#endif
import Parquet

/// A cursor over one NDJSON line with the JSON pieces the decoder needs. Positions are
/// checked against the line's end on every read; errors carry line and byte position.
struct LineParser {
    let base: UnsafePointer<UInt8>
    let count: Int
    let lineNumber: Int
    private(set) var i = 0

    init(_ line: UnsafeRawBufferPointer, lineNumber: Int) {
        // An empty buffer may have no address; with a count of 0 the placeholder is never read.
        base = line.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) } ?? UnsafePointer(bitPattern: 1)!
        count = line.count
        self.lineNumber = lineNumber
    }

    var atEnd: Bool { i >= count }

    @inline(__always) func peek() -> UInt8? { i < count ? base[i] : nil }
    @inline(__always) mutating func advance() { i += 1 }
    @inline(__always) mutating func skip(_ n: Int) { i += n }

    @inline(__always)
    mutating func skipWhitespace() {
        while i < count {
            let c = base[i]
            guard c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D else { return }
            i += 1
        }
    }

    func error(_ code: NDJSONError.Code, _ message: String, field: String? = nil) -> NDJSONError {
        NDJSONError(code, message, line: lineNumber, field: field, column: i + 1)
    }

    static func show(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(String(c, radix: 16))"
    }

    /// The next token as text, for messages: a short run of the line.
    func showToken() -> String {
        guard i < count else { return "the end of the line" }
        var j = i
        while j < count && j - i < 24 && base[j] != UInt8(ascii: ",") && base[j] != UInt8(ascii: "}") { j += 1 }
        return "\"" + String(decoding: UnsafeBufferPointer(start: base + i, count: j - i), as: UTF8.self) + "\""
    }

    mutating func next(_ what: String) throws(NDJSONError) -> UInt8 {
        guard i < count else { throw error(.malformedJSON, "the line ends where \(what) was expected") }
        defer { i += 1 }
        return base[i]
    }

    mutating func expect(_ c: UInt8, _ what: String) throws(NDJSONError) {
        guard i < count else { throw error(.malformedJSON, "the line ends where \(what) was expected") }
        guard base[i] == c else { throw error(.malformedJSON, "expected \(what), found \(Self.show(base[i]))") }
        i += 1
    }

    mutating func literal(_ word: StaticString) throws(NDJSONError) {
        let n = word.utf8CodeUnitCount
        guard count - i >= n, memcmp(base + i, word.utf8Start, n) == 0 else {
            throw error(.malformedJSON, "expected \(word), found \(showToken())")
        }
        i += n
    }

    /// The number at the cursor as the nearest double, or nil (cursor unmoved) if there is none.
    ///
    /// Short decimals, which is nearly every price and greek, are parsed in this one pass
    /// (see `DecimalParser` for why the result is exact); anything else is handed to it.
    @inline(__always)
    mutating func readDouble() -> Double? {
        let start = i
        var j = i
        let negative = j < count && base[j] == UInt8(ascii: "-")
        if negative { j += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        var simple = j < count && base[j] &- 48 < 10
        if simple {
            if base[j] == 48 {
                j += 1
            } else {
                while j < count, base[j] &- 48 < 10 {
                    mantissa = mantissa &* 10 &+ UInt64(base[j] &- 48)
                    digits += 1
                    j += 1
                }
            }
            if j < count && base[j] == UInt8(ascii: ".") {
                j += 1
                let fractionStart = j
                while j < count, base[j] &- 48 < 10 {
                    mantissa = mantissa &* 10 &+ UInt64(base[j] &- 48)
                    digits += 1
                    j += 1
                }
                scale = j - fractionStart
                if scale == 0 { simple = false }
            }
            // Exponents, long mantissas and anything glued to the number take the full parser.
            if j < count && Self.isNumberByte(base[j]) { simple = false }
            if digits > 15 || scale > 22 { simple = false }
        }
        if simple {
            i = j
            let m = Double(mantissa)
            let v = scale == 0 ? m : m / DecimalParser.exactPowers[scale]
            return negative ? -v : v
        }
        let end = numberEnd(from: start)
        guard let v = DecimalParser.parseDouble(UnsafeRawBufferPointer(start: base + start, count: end - start)) else { return nil }
        i = end
        return v
    }

    /// Where the run of number characters starting at `start` ends.
    private func numberEnd(from start: Int) -> Int {
        var j = start
        while j < count && Self.isNumberByte(base[j]) { j += 1 }
        return j
    }

    /// The integer at the cursor, or nil (cursor unmoved) if it is not a JSON integer that fits Int64.
    @inline(__always)
    mutating func readInt64() -> Int64? {
        // Up to 18 digits cannot overflow; plain ones are parsed here in one pass.
        var j = i
        let negative = j < count && base[j] == UInt8(ascii: "-")
        if negative { j += 1 }
        let digitsStart = j
        var value: Int64 = 0
        while j < count, base[j] &- 48 < 10, j - digitsStart < 18 {
            value = value &* 10 &+ Int64(base[j] &- 48)
            j += 1
        }
        let digits = j - digitsStart
        if digits > 0 && (j == count || !Self.isNumberByte(base[j])) && (base[digitsStart] != 48 || digits == 1) {
            i = j
            return negative ? -value : value
        }
        let end = numberEnd(from: i)
        guard let v = DecimalParser.parseInt64(UnsafeRawBufferPointer(start: base + i, count: end - i)) else { return nil }
        i = end
        return v
    }

    /// The integer at the cursor if it fits Int32, or nil with the cursor unmoved.
    @inline(__always)
    mutating func readInt32() -> Int32? {
        let start = i
        guard let wide = readInt64() else { return nil }
        guard let narrow = Int32(exactly: wide) else {
            i = start
            return nil
        }
        return narrow
    }

    @inline(__always)
    static func isNumberByte(_ c: UInt8) -> Bool {
        c &- 48 < 10 || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c | 0x20 == UInt8(ascii: "e") || c == UInt8(ascii: "+")
    }

    /// The value at the cursor as text, for messages.
    func tokenText() -> String {
        var j = i
        while j < count && j - i < 40 && base[j] != UInt8(ascii: ",") && base[j] != UInt8(ascii: "}") { j += 1 }
        return String(decoding: UnsafeBufferPointer(start: base + i, count: j - i), as: UTF8.self)
    }

    static func equal(_ raw: UnsafeRawBufferPointer, _ name: [UInt8]) -> Bool {
        raw.count == name.count && name.withUnsafeBytes { memcmp(raw.baseAddress!, $0.baseAddress!, raw.count) == 0 }
    }

    /// Reads a key. Returns its bytes in place, or nil when it had escapes and was decoded
    /// into `scratch` instead.
    mutating func readKey(into scratch: inout [UInt8]) throws(NDJSONError) -> UnsafeRawBufferPointer? {
        try expect(UInt8(ascii: "\""), "a key in double quotes")
        let start = i
        while i < count {
            let c = base[i]
            if c == UInt8(ascii: "\"") {
                defer { i += 1 }
                return UnsafeRawBufferPointer(start: base + start, count: i - start)
            }
            if c == UInt8(ascii: "\\") {
                i = start
                scratch.removeAll(keepingCapacity: true)
                try decodeEscapedString(into: &scratch, field: nil)
                return nil
            }
            if c < 0x20 { throw error(.malformedJSON, "a control character inside a key") }
            i += 1
        }
        throw error(.malformedJSON, "the line ends inside a key")
    }

    /// Reads a string value into `column`, copying the bytes straight from the line when
    /// there is nothing to unescape.
    mutating func readString(into column: inout ByteArrayColumn, scratch: inout [UInt8], field: String) throws(NDJSONError) {
        i += 1  // opening quote, checked by the caller
        let start = i
        var ascii = true
        while i < count {
            let c = base[i]
            if c == UInt8(ascii: "\"") {
                let bytes = UnsafeRawBufferPointer(start: base + start, count: i - start)
                if !ascii && !Self.isValidUTF8(bytes) { throw error(.malformedJSON, "the string is not valid UTF-8", field: field) }
                column.append(bytes)
                i += 1
                return
            }
            if c == UInt8(ascii: "\\") {
                i = start
                scratch.removeAll(keepingCapacity: true)
                try decodeEscapedString(into: &scratch, field: field)
                column.append(scratch)
                return
            }
            if c < 0x20 { throw error(.malformedJSON, "a control character inside a string", field: field) }
            if c >= 0x80 { ascii = false }
            i += 1
        }
        throw error(.malformedJSON, "the line ends inside a string", field: field)
    }

    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// Decodes a string with escapes from the byte after its opening quote.
    private mutating func decodeEscapedString(into out: inout [UInt8], field: String?) throws(NDJSONError) {
        while i < count {
            let c = base[i]
            i += 1
            if c == UInt8(ascii: "\"") {
                guard out.withUnsafeBytes({ Self.isValidUTF8($0) }) else {
                    throw error(.malformedJSON, "the string is not valid UTF-8", field: field)
                }
                return
            }
            if c < 0x20 { throw error(.malformedJSON, "a control character inside a string", field: field) }
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                continue
            }
            guard i < count else { break }
            let e = base[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(field)
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate must be followed by \u and a low surrogate.
                    guard count - i >= 6, base[i] == UInt8(ascii: "\\"), base[i + 1] == UInt8(ascii: "u") else {
                        throw error(.malformedJSON, "a lone UTF-16 high surrogate", field: field)
                    }
                    i += 2
                    let low = try hex4(field)
                    guard (0xDC00..<0xE000).contains(low) else { throw error(.malformedJSON, "a bad UTF-16 surrogate pair", field: field) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(scalar) {
                    throw error(.malformedJSON, "a lone UTF-16 low surrogate", field: field)
                }
                guard let s = Unicode.Scalar(scalar) else { throw error(.malformedJSON, "an invalid \\u escape", field: field) }
                out.append(contentsOf: String(Character(s)).utf8)
            default:
                throw error(.malformedJSON, "an invalid escape \\\(Character(Unicode.Scalar(e)))", field: field)
            }
        }
        throw error(.malformedJSON, "the line ends inside a string", field: field)
    }

    private mutating func hex4(_ field: String?) throws(NDJSONError) -> UInt32 {
        guard count - i >= 4 else { throw error(.malformedJSON, "a \\u escape needs 4 hex digits", field: field) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = base[i] | 0x20
            let d: UInt8
            if c &- 48 < 10 { d = c &- 48 } else if c &- 97 < 6 { d = c &- 87 } else {
                throw error(.malformedJSON, "a \\u escape needs 4 hex digits", field: field)
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    /// The bytes of a number token; the caller parses them for its column's type.
    mutating func numberToken(field: String, expected: NDJSONColumn.Kind) throws(NDJSONError) -> UnsafeRawBufferPointer {
        let start = i
        while i < count {
            let c = base[i]
            guard c &- 48 < 10 || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c | 0x20 == UInt8(ascii: "e")
                || c == UInt8(ascii: "+")
            else { break }
            i += 1
        }
        guard i > start else { throw error(.typeMismatch, "expected \(expected), found \(showToken())", field: field) }
        return UnsafeRawBufferPointer(start: base + start, count: i - start)
    }

    /// Skips any JSON value (for keys outside the schema), nested ones included.
    mutating func skipValue(depth: Int = 0) throws(NDJSONError) {
        guard depth < 64 else { throw error(.malformedJSON, "values nested more than 64 deep") }
        guard let c = peek() else { throw error(.malformedJSON, "the line ends where a value was expected") }
        switch c {
        case UInt8(ascii: "\""):
            var sink: [UInt8] = []
            i += 1
            try decodeEscapedString(into: &sink, field: nil)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            i += 1
            skipWhitespace()
            if peek() == close {
                i += 1
                return
            }
            while true {
                if close == UInt8(ascii: "}") {
                    var sink: [UInt8] = []
                    _ = try readKey(into: &sink)
                    skipWhitespace()
                    try expect(UInt8(ascii: ":"), "':' after a key")
                    skipWhitespace()
                }
                try skipValue(depth: depth + 1)
                skipWhitespace()
                let n = try next("',' or a closing bracket")
                if n == close { return }
                guard n == UInt8(ascii: ",") else { throw error(.malformedJSON, "expected ',' in a nested value, found \(Self.show(n))") }
                skipWhitespace()
            }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default:
            let token = try numberToken(field: "", expected: .double)
            guard DecimalParser.parseDouble(token) != nil else { throw error(.malformedJSON, "an invalid number") }
        }
    }
}
