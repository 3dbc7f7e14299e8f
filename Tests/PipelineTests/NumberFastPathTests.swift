import TestSupport
import Testing
@testable import Pipeline

/// The word-at-a-time fast paths must agree with the digit-by-digit scanners on numbers as
/// they appear inside a line: followed by a separator and more bytes, so a word can be loaded.
@Suite("number fast paths inside a line")
struct NumberFastPathTests {
    static let separators = [",\"delta\":0.5}", "}", " , \"x\": 1}", "]         ", "\t\r\n        "]

    func scanDouble(_ text: String) -> (Double, Int)? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { DecimalParser.scanDouble($0.baseAddress!, from: 0, to: bytes.count) }
    }

    func scanInt(_ text: String) -> (Int64, Int)? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { DecimalParser.scanInt64($0.baseAddress!, from: 0, to: bytes.count) }
    }

    /// A decimal with `integerDigits` before the point and `fractionDigits` after (none: no point).
    func decimal(_ rng: inout SeededRandom, integerDigits: Int, fractionDigits: Int) -> String {
        var text = rng.next() % 4 == 0 ? "-" : ""
        for k in 0..<integerDigits {
            // No leading zeros, except a lone "0".
            let digit = k == 0 && integerDigits > 1 ? 1 + rng.next() % 9 : rng.next() % 10
            text += String(digit)
        }
        if fractionDigits > 0 {
            text += "."
            for _ in 0..<fractionDigits { text += String(rng.next() % 10) }
        }
        return text
    }

    @Test("decimals of every short shape parse as the standard library does, and stop at the separator")
    func decimals() {
        var rng = SeededRandom(seed: 99)
        for integerDigits in 1...9 {
            for fractionDigits in 0...9 {
                for _ in 0..<300 {
                    let number = decimal(&rng, integerDigits: integerDigits, fractionDigits: fractionDigits)
                    let line = number + Self.separators[Int(rng.next() % UInt64(Self.separators.count))]
                    let got = scanDouble(line)
                    #expect(got?.0.bitPattern == Double(number)?.bitPattern && got?.1 == number.utf8.count, "\(line)")
                }
            }
        }
    }

    @Test("integers of 1 to 10 digits parse exactly, and stop at the separator")
    func integers() {
        var rng = SeededRandom(seed: 7)
        for digits in 1...10 {
            for _ in 0..<500 {
                let number = decimal(&rng, integerDigits: digits, fractionDigits: 0)
                let line = number + Self.separators[Int(rng.next() % UInt64(Self.separators.count))]
                let got = scanInt(line)
                #expect(got?.0 == Int64(number) && got?.1 == number.utf8.count, "\(line)")
            }
        }
    }

    @Test("malformed numbers with room for a word are still refused", arguments: [
        "01.5,\"a\":1}", "00,\"abc\":1}", "-01,\"abc\":1}", "1.,\"abcd\":1}", "-,\"abcdef\":1}", "1.5.2,\"abc\":1}",
        "12.5e,\"abc\":1}", "--1,\"abcdef\":1}", "1.5-,\"abcde\":1}",
    ])
    func refused(line: String) {
        #expect(scanDouble(line) == nil)
        #expect(scanInt(line) == nil)
    }

    @Test("what continues a number is left to the full scanner", arguments: [
        ("1.5e3,\"abcdef\":1}", 1500.0, 5), ("12345678.25,\"a\":1}", 12_345_678.25, 11),
        ("0.123456789,\"ab\":1}", 0.123456789, 11), ("-0.0,\"abcdefg\":1}", -0.0, 4), ("7E-2,\"abcdefgh\":1}", 0.07, 4),
    ])
    func handedOn(line: String, value: Double, length: Int) {
        let got = scanDouble(line)
        #expect(got?.0.bitPattern == value.bitPattern && got?.1 == length)
    }

    @Test("integers with a fraction or exponent are not integers", arguments: ["20240312.5,\"abcd\":1}", "4850000e1,\"ab\":1}"])
    func notIntegers(line: String) {
        #expect(scanInt(line) == nil)
    }
}
