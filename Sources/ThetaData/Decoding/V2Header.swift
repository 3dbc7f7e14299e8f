/// The `header` object of a v2 JSON response. v2 writes "no value" as the string `"null"`;
/// both that and a JSON null become nil here.
public struct V2Header: Sendable, Equatable {
    public var errorType: String?
    public var errorMessage: String?
    /// The absolute URL of the next page, if the response was split.
    public var nextPage: String?
    /// The column names of every row of `response`.
    public var format: [String] = []

    public init(errorType: String? = nil, errorMessage: String? = nil, nextPage: String? = nil, format: [String] = []) {
        self.errorType = errorType
        self.errorMessage = errorMessage
        self.nextPage = nextPage
        self.format = format
    }

    /// Parses the header object spanning `p[start..<end]`.
    static func parse(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) throws(BodyDecodingError) -> V2Header {
        var header = V2Header()
        var i = start + 1
        while true {
            JSONScanner.skipSpaces(p, &i, end)
            guard i < end else { throw BodyDecodingError(message: "v2 header object is cut short") }
            if p[i] == UInt8(ascii: "}") { return header }
            if p[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard p[i] == UInt8(ascii: "\""), let key = string(p, at: i, end) else {
                throw BodyDecodingError(message: "v2 header has a malformed key")
            }
            i = key.next
            JSONScanner.skipSpaces(p, &i, end)
            guard i < end, p[i] == UInt8(ascii: ":") else { throw BodyDecodingError(message: "v2 header lacks ':'") }
            i += 1
            JSONScanner.skipSpaces(p, &i, end)
            guard let valueEnd = JSONScanner.valueEnd(p, from: i, end) else {
                throw BodyDecodingError(message: "v2 header value is cut short")
            }
            switch key.text {
            case "error_type": header.errorType = nullableString(p, from: i, to: valueEnd)
            case "error_msg": header.errorMessage = nullableString(p, from: i, to: valueEnd)
            case "next_page": header.nextPage = nullableString(p, from: i, to: valueEnd)
            case "format": header.format = stringArray(p, from: i, to: valueEnd)
            default: break
            }
            i = valueEnd
        }
    }

    /// The string at `i` (its opening quote) and the index after its closing quote.
    static func string(_ p: UnsafePointer<UInt8>, at i: Int, _ end: Int) -> (text: String, next: Int)? {
        var escaped = false
        guard let close = JSONScanner.stringEnd(p, from: i + 1, end, escaped: &escaped) else { return nil }
        let bytes = escaped ? JSONScanner.unescape(p + i + 1, close - i - 1) : Array(UnsafeBufferPointer(start: p + i + 1, count: close - i - 1))
        return (String(decoding: bytes, as: UTF8.self), close + 1)
    }

    /// A string value, nil for JSON null and for v2's `"null"` (and for an empty string).
    private static func nullableString(_ p: UnsafePointer<UInt8>, from i: Int, to end: Int) -> String? {
        guard p[i] == UInt8(ascii: "\""), let s = string(p, at: i, end)?.text, s != "null", !s.isEmpty else { return nil }
        return s
    }

    private static func stringArray(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> [String] {
        var names: [String] = []
        var i = start + 1
        while i < end {
            if p[i] == UInt8(ascii: "\""), let s = string(p, at: i, end) {
                names.append(s.text)
                i = s.next
            } else {
                i += 1
            }
        }
        return names
    }
}
