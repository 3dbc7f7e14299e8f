import TestSupport
import Foundation
import Testing
@testable import Pipeline

@Suite("exact number parsing")
struct DecimalParserTests {
    func parse(_ text: String) -> Double? {
        text.bytes.withUnsafeBytes { DecimalParser.parseDouble($0) }
    }

    /// What the standard library's correctly rounded parser makes of `text`.
    func reference(_ text: String) -> Double? { Double(text) }

    /// Records a failure unless `text` parses to exactly `expected`, sign of zero included.
    func check(_ text: String, _ expected: Double?, sourceLocation: SourceLocation = #_sourceLocation) {
        let got = parse(text)
        if got?.bitPattern != expected?.bitPattern {
            Issue.record("\(text): got \(String(describing: got)), expected \(String(describing: expected))",
                         sourceLocation: sourceLocation)
        }
    }

    func randomFiniteDouble(_ rng: inout SeededRandom) -> Double {
        while true {
            let value = Double(bitPattern: rng.next())
            if value.isFinite { return value }
        }
    }

    @Test("every double's shortest text round-trips bit for bit")
    func shortestRoundTrip() {
        var rng = SeededRandom(seed: 2024)
        for _ in 0..<100_000 {
            let value = randomFiniteDouble(&rng)
            check(value.description, value)
        }
    }

    @Test("%.17g text round-trips bit for bit")
    func seventeenDigits() {
        var rng = SeededRandom(seed: 99)
        for _ in 0..<50_000 {
            let value = randomFiniteDouble(&rng)
            check(String(format: "%.17g", value), value)
        }
    }

    @Test("other printf forms agree with the standard library", arguments: ["%.17e", "%.3e", "%E", "%.1g", "%.25g", "%.40g", "%.30f"])
    func printfForms(format: String) {
        var rng = SeededRandom(seed: UInt64(format.utf8.count) &* 7919)
        for k in 0..<5_000 {
            // Half the values near 1 (so %f stays short), half over the whole range.
            let value = k % 2 == 0 ? Double(bitPattern: rng.next() % 0x0010_0000_0000_0000 | 0x3FF0_0000_0000_0000) - 1
                                   : randomFiniteDouble(&rng)
            let text = String(format: format, value)
            check(text, reference(text))
        }
    }

    @Test("exponent spellings", arguments: [
        ("1e5", 1e5), ("1E5", 1e5), ("1e+05", 1e5), ("1E+05", 1e5), ("1e-5", 1e-5), ("1E-0005", 1e-5),
        ("1.5e-300", 1.5e-300), ("-2.5E+3", -2500.0), ("0e0", 0.0), ("-0e-7", -0.0), ("0.0e99999", 0.0),
        ("123456789e-5", 1234.56789), ("1e0000000000000000000000000000000000000001", 10.0),
    ])
    func exponents(text: String, value: Double) {
        check(text, value)
    }

    @Test("subnormals, extremes, powers of ten and the values of our data")
    func specialValues() {
        var values: [Double] = [
            0.1, 0.2, 0.3, 5117.09, 76.4, 77.2, 0.8123, -12.3456, 54.321, 0.0012, 3.0, -0.0, 0.0, 1.0, -1.0,
            .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
            .leastNormalMagnitude.nextDown, .leastNormalMagnitude.nextUp, .greatestFiniteMagnitude.nextDown,
            .ulpOfOne, 1 + .ulpOfOne, 9_007_199_254_740_992, 9_007_199_254_740_994, 1e22, 1e23, 1e-22, 1e-23,
        ]
        var power = 1.0
        for _ in 0..<308 {
            power *= 10
            values.append(power)
        }
        for p in -330...308 { values.append(Double("1e\(p)") ?? 0) }
        var rng = SeededRandom(seed: 5)
        for _ in 0..<10_000 { values.append(Double(bitPattern: rng.next() % 0x0010_0000_0000_0000)) }  // subnormals
        for value in values {
            check(value.description, value)
            check((-value).description, -value)
            check(String(format: "%.17g", value), value)
        }
    }

    @Test("hard cases: halfway points, rounding into infinity, long inputs", arguments: [
        "9007199254740993", "9007199254740995", "9007199254740993.0000000000000000001",
        "9007199254740992.9999999999999999999", "2.2250738585072011e-308", "2.2250738585072012e-308",
        "2.2250738585072013e-308", "2.2250738585072014e-308", "4.9406564584124654e-324", "2.4703282292062327e-324",
        "2.4703282292062328e-324", "1e-324", "3e-324", "1.7976931348623157e308", "1.7976931348623158e308",
        "1.7976931348623159e308", "1.797693134862315807937289714053e308", "1.797693134862315807937289714054e308",
        "1e309", "-1e400", "1e-400", "-1e-400", "8.589973e9", "123456789012345678901234567890",
        "0.1000000000000000055511151231257827021181583404541015625",
        "0.1000000000000000055511151231257827021181583404541015624",
        "0.000000000000000000000000000000000000000000000000000000000001234567890123456789012345",
        "7.2057594037927933e16", "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124",
        "1.00000000000000011102230246251565404236316680908203126", "4503599627370496.5", "4503599627370497.5",
        "18446744073709551615", "18446744073709551616", "99999999999999999999", "10000000000000000000000000001",
    ])
    func hardCases(text: String) {
        check(text, reference(text))
        check("-" + text, reference("-" + text))
    }

    @Test("random long digit strings take the slow paths and still round correctly")
    func longDigitStrings() {
        var rng = SeededRandom(seed: 77)
        for _ in 0..<20_000 {
            let digits = 16 + Int(rng.next() % 30)
            var text = String(1 + rng.next() % 9)
            for _ in 1..<digits { text += String(rng.next() % 10) }
            if rng.next() % 2 == 0 {
                let point = 1 + Int(rng.next() % UInt64(digits - 1))
                text.insert(".", at: text.index(text.startIndex, offsetBy: point))
            }
            text += "e\(Int(rng.next() % 700) - 350)"
            check(text, reference(text))
        }
    }

    @Test("short decimals like prices and greeks match the standard library")
    func marketDecimals() {
        var rng = SeededRandom(seed: 7)
        for _ in 0..<50_000 {
            let places = Int(rng.next() % 7)
            let units = Int64(rng.next() % 2_000_000_000) - 1_000_000_000
            var text = String(units.magnitude)
            if places > 0 {
                text = String(repeating: "0", count: max(0, places + 1 - text.count)) + text
                text.insert(".", at: text.index(text.endIndex, offsetBy: -places))
            }
            if units < 0 { text = "-" + text }
            check(text, reference(text))
        }
    }

    @Test("negative zero keeps its sign", arguments: ["-0", "-0.0", "-0.000", "-0e5", "-0.0E-3", "-1e-400"])
    func negativeZero(text: String) {
        let value = parse(text)
        #expect(value == 0)
        #expect(value?.sign == .minus)
    }

    @Test("text that is not exactly one JSON number is refused", arguments: [
        "", "-", "+1", "01", "-01", "00", "1.", ".5", "-.5", "1e", "1e+", "1E-", "1.e5", "NaN", "nan", "Infinity",
        "-Infinity", "inf", "1.0x", "--1", "0x10", " 1", "1 ", "1,5", "1.5.2", "1e5e5", "1e5.5", "١", "1_000",
    ])
    func rejects(text: String) {
        #expect(parse(text) == nil)
        #expect(text.bytes.withUnsafeBytes { DecimalParser.parseInt64($0) } == nil)
    }

    @Test("Eisel-Lemire agrees with the standard library on every power of ten and random significands")
    func eiselLemire() {
        var rng = SeededRandom(seed: 31)
        for q in -360...320 {
            for _ in 0..<40 {
                let w = rng.next() % 10_000_000_000_000_000_000 | 1
                let bits = EiselLemire.bits(significand: w, exponent: q)
                let expected = Double("\(w)e\(q)") ?? .nan
                if bits != expected.bitPattern { Issue.record("\(w)e\(q)") }
            }
        }
    }
}
