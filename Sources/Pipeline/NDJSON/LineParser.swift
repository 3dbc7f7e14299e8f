/// A cursor over the bytes of one NDJSON line, with the JSON pieces the decoder needs.
///
/// Every read is checked against the line's end. Errors carry the line number and the
/// 1-based byte position of the cursor.
struct LineParser {
    let base: UnsafePointer<UInt8>
    let end: Int
    let lineNumber: Int
    var position = 0

    init(_ base: UnsafePointer<UInt8>, count: Int, lineNumber: Int) {
        self.base = base
        end = count
        self.lineNumber = lineNumber
    }

    var atEnd: Bool { position >= end }
    var remaining: Int { end - position }
    var cursor: UnsafePointer<UInt8> { base + position }

    /// The byte at the cursor, or nil at the end of the line.
    @inline(__always)
    func peek() -> UInt8? { position < end ? base[position] : nil }

    @inline(__always)
    mutating func skip(_ n: Int) { position += n }

    @inline(__always)
    static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < end && Self.isWhitespace(base[position]) { position += 1 }
    }

    /// An error at the cursor (or at `at`, a byte index in the line).
    func error(_ code: NDJSONError.Code, _ message: String, field: String? = nil, at: Int? = nil) -> NDJSONError {
        NDJSONError(code, message, line: lineNumber, field: field, column: min(at ?? position, end) + 1)
    }

    /// Consumes `c`, or fails naming `what` was expected there.
    @inline(__always)
    mutating func expect(_ c: UInt8, _ what: String) throws(NDJSONError) {
        guard position < end, base[position] == c else { throw unexpected(what) }
        position += 1
    }

    /// The error for finding something other than `what` at the cursor.
    func unexpected(_ what: String) -> NDJSONError {
        guard position < end else {
            return error(.malformedJSON, "the line ends where \(what) was expected")
        }
        return error(.malformedJSON, "expected \(what), found \(Self.show(base[position]))")
    }

    /// Consumes `word` (`true`, `false`, `null`), which must not run on into more letters.
    mutating func literal(_ word: StaticString) throws(NDJSONError) {
        guard startsWithLiteral(word) else {
            throw error(.malformedJSON, "expected \(word), found \(describeValue())")
        }
        position += word.utf8CodeUnitCount
    }

    /// Whether the line continues with `word` as a whole token.
    func startsWithLiteral(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard remaining >= n else { return false }
        for k in 0..<n where base[position + k] != word.utf8Start[k] { return false }
        return position + n == end || !Self.isWordByte(base[position + n])
    }

    /// The number at the cursor as the nearest double, or nil (cursor unmoved) if there is
    /// no well-formed JSON number.
    @inline(__always)
    mutating func readDouble() -> Double? {
        guard let (value, stop) = DecimalParser.scanDouble(base, from: position, to: end) else { return nil }
        position = stop
        return value
    }

    /// The JSON integer at the cursor if it fits Int64, or nil (cursor unmoved).
    @inline(__always)
    mutating func readInt64() -> Int64? {
        guard let (value, stop) = DecimalParser.scanInt64(base, from: position, to: end) else { return nil }
        position = stop
        return value
    }

    /// The JSON integer at the cursor if it fits Int32, or nil (cursor unmoved).
    @inline(__always)
    mutating func readInt32() -> Int32? {
        guard let (value, stop) = DecimalParser.scanInt64(base, from: position, to: end),
              let narrow = Int32(exactly: value) else { return nil }
        position = stop
        return narrow
    }

    /// The literal `true` or `false` at the cursor, or nil (cursor unmoved).
    @inline(__always)
    mutating func readBool() -> Bool? {
        if startsWithLiteral("true") {
            position += 4
            return true
        }
        if startsWithLiteral("false") {
            position += 5
            return false
        }
        return nil
    }

    /// Letters and digits: what would make `true` in `trueish` not the literal `true`.
    static func isWordByte(_ c: UInt8) -> Bool {
        c &- 0x30 < 10 || (c | 0x20) &- 0x61 < 26 || c == UInt8(ascii: "_") || c >= 0x80
    }

    /// A byte for a message: `'x'`, or its hex value when it is not printable ASCII.
    static func show(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(String(c, radix: 16, uppercase: true))"
    }

    /// What the value at the cursor looks like, for messages: `"51.5"`, `the string "C"`,
    /// `an object`, `null`, `the end of the line`.
    func describeValue() -> String {
        guard let c = peek() else { return "the end of the line" }
        switch c {
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "\""):
            var j = position + 1
            while j < end && base[j] != UInt8(ascii: "\"") {
                j += base[j] == UInt8(ascii: "\\") ? 2 : 1
            }
            return "the string \(excerpt(position, min(j + 1, end)))"
        default:
            var j = position
            while j < end && !Self.isWhitespace(base[j]) && base[j] != UInt8(ascii: ",") && base[j] != UInt8(ascii: "}")
                && base[j] != UInt8(ascii: "]") {
                j += 1
            }
            let token = excerpt(position, max(j, position + 1))
            return token == "\"null\"" || token == "\"true\"" || token == "\"false\"" ? String(token.dropFirst().dropLast()) : token
        }
    }

    /// Bytes `from..<to` of the line in quotes (strings keep theirs), shortened to 40 bytes.
    private func excerpt(_ from: Int, _ to: Int) -> String {
        let stop = min(to, end, from + 40)
        var text = String(decoding: UnsafeBufferPointer(start: base + from, count: stop - from), as: UTF8.self)
        if stop < min(to, end) { text += "…" }
        return base[from] == UInt8(ascii: "\"") ? text : "\"\(text)\""
    }
}
