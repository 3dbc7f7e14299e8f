/// Skipping values of keys outside the schema, nested ones included.
extension LineParser {
    /// How deep skipped values may nest; deeper lines are refused rather than risk the stack.
    static let maximumDepth = 128

    /// Moves past the JSON value at the cursor, checking that it is well-formed.
    mutating func skipValue(depth: Int = 0) throws(NDJSONError) {
        guard let c = peek() else { throw unexpected("a value") }
        switch c {
        case UInt8(ascii: "\""):
            _ = try scanString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < Self.maximumDepth else {
                throw error(.malformedJSON, "values nested more than \(Self.maximumDepth) deep")
            }
            let isObject = c == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            position += 1
            skipWhitespace()
            if peek() == close {
                position += 1
                return
            }
            while true {
                if isObject {
                    guard peek() == UInt8(ascii: "\"") else { throw unexpected("a key in double quotes") }
                    _ = try scanString()
                    skipWhitespace()
                    try expect(UInt8(ascii: ":"), "':' after a key")
                    skipWhitespace()
                }
                try skipValue(depth: depth + 1)
                skipWhitespace()
                guard let next = peek(), next == UInt8(ascii: ",") || next == close else {
                    throw unexpected(isObject ? "',' or '}'" : "',' or ']'")
                }
                position += 1
                if next == close { return }
                skipWhitespace()
            }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default:
            guard let (_, stop) = DecimalParser.scanDecimal(base, from: position, to: end) else {
                throw error(.malformedJSON, "expected a JSON value, found \(describeValue())")
            }
            position = stop
        }
    }
}
