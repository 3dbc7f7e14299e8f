import Foundation
import Testing
@testable import Pipeline

@Suite("exact number parsing")
struct DecimalParserTests {
    func parse(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBytes { DecimalParser.parseDouble($0) }
    }

    /// Parses through the decoder's one-pass path too, which must agree bit for bit.
    func parseInLine(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBytes { raw in
            var p = LineParser(raw, lineNumber: 1)
            let v = p.readDouble()
            return p.atEnd ? v : nil
        }
    }

    struct Rng: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("every double's shortest text round-trips bit for bit")
    func shortestRoundTrip() {
        var rng = Rng(state: 2024)
        for _ in 0..<50_000 {
            let value = Double(bitPattern: rng.next())
            guard value.isFinite else { continue }
            let text = "\(value)"
            #expect(parse(text)?.bitPattern == value.bitPattern, "\(text)")
            #expect(parseInLine(text)?.bitPattern == value.bitPattern, "\(text)")
        }
    }

    @Test("short decimals like prices and greeks match the standard library exactly")
    func marketDecimals() {
        var rng = Rng(state: 7)
        for _ in 0..<50_000 {
            let places = Int(rng.next() % 7)
            let units = Int64(bitPattern: rng.next() % 2_000_000_000) - 1_000_000_000
            var text = String(units.magnitude)
            if places > 0 {
                text = String(repeating: "0", count: max(0, places + 1 - text.count)) + text
                text.insert(".", at: text.index(text.endIndex, offsetBy: -places))
            }
            if units < 0 { text = "-" + text }
            let expected = Double(text)!
            #expect(parse(text)?.bitPattern == expected.bitPattern, "\(text)")
            #expect(parseInLine(text)?.bitPattern == expected.bitPattern, "\(text)")
        }
    }

    @Test("%.17g, exponents and hard cases agree with strtod", arguments: [
        "0.1", "5117.09", "-0.0", "0.0", "1e5", "1E+05", "1.5e-300", "2.2250738585072011e-308", "4.9e-324",
        "1.7976931348623157e308", "9007199254740993", "123456789012345678901234567890", "0.000000000000000000001",
        "3.0", "-12.3456", "1e23", "8.589973e9", "2.2250738585072012e-308", "1e400", "-1e400",
    ])
    func hardCases(text: String) {
        #expect(parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        #expect(parseInLine(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
    }

    @Test("%.17g formatting of random doubles round-trips")
    func seventeenDigits() {
        var rng = Rng(state: 99)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: rng.next())
            guard value.isFinite else { continue }
            let text = String(format: "%.17g", value)
            #expect(parse(text)?.bitPattern == value.bitPattern, "\(text)")
        }
    }

    @Test("text that is not a JSON number is refused", arguments: ["", "-", "01", "1.", ".5", "1e", "+1", "NaN", "Infinity", "1.0x", "--1", "0x10"])
    func rejects(text: String) {
        #expect(parse(text) == nil, "\(text)")
        #expect(parseInLine(text) == nil, "\(text)")
    }

    @Test("integers: bounds, overflow by one, leading zeros")
    func integers() {
        func int64(_ s: String) -> Int64? { Array(s.utf8).withUnsafeBytes { DecimalParser.parseInt64($0) } }
        func int32(_ s: String) -> Int32? { Array(s.utf8).withUnsafeBytes { DecimalParser.parseInt32($0) } }
        #expect(int64("9223372036854775807") == .max)
        #expect(int64("-9223372036854775808") == .min)
        #expect(int64("9223372036854775808") == nil)
        #expect(int64("-9223372036854775809") == nil)
        #expect(int32("2147483647") == .max)
        #expect(int32("-2147483648") == .min)
        #expect(int32("2147483648") == nil)
        #expect(int64("007") == nil)
        #expect(int64("-0") == 0)
        #expect(int64("1.0") == nil)
        #expect(int64("1e3") == nil)
    }
}
