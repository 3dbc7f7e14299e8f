import TestSupport
import Testing
@testable import Pipeline

@Suite("integer parsing")
struct IntegerParsingTests {
    func int64(_ text: String) -> Int64? { text.bytes.withUnsafeBytes { DecimalParser.parseInt64($0) } }
    func int32(_ text: String) -> Int32? { text.bytes.withUnsafeBytes { DecimalParser.parseInt32($0) } }

    @Test("Int64 bounds and overflow by one")
    func int64Bounds() {
        #expect(int64("9223372036854775807") == .max)
        #expect(int64("-9223372036854775808") == .min)
        #expect(int64("9223372036854775808") == nil)
        #expect(int64("-9223372036854775809") == nil)
        #expect(int64("18446744073709551615") == nil)
        #expect(int64("18446744073709551616") == nil)
        #expect(int64("99999999999999999999") == nil)
        #expect(int64("100000000000000000000000") == nil)
    }

    @Test("Int32 bounds and overflow by one")
    func int32Bounds() {
        #expect(int32("2147483647") == .max)
        #expect(int32("-2147483648") == .min)
        #expect(int32("2147483648") == nil)
        #expect(int32("-2147483649") == nil)
        #expect(int32("20240312") == 20_240_312)
        #expect(int32("5100000") == 5_100_000)
    }

    @Test("zero, negative zero and single digits")
    func zeros() {
        #expect(int64("0") == 0)
        #expect(int64("-0") == 0)
        #expect(int32("-0") == 0)
        #expect(int64("7") == 7)
        #expect(int64("-7") == -7)
    }

    @Test("leading zeros, fractions, exponents and junk are refused", arguments: [
        "007", "-007", "00", "01", "1.0", "1.5", "1e3", "1E3", "-", "", "+5", " 5", "5 ", "5x", "0x5", "--5", "1-",
    ])
    func rejects(text: String) {
        #expect(int64(text) == nil)
        #expect(int32(text) == nil)
    }

    @Test("random integers round-trip through their decimal text")
    func randomRoundTrip() {
        var rng = SeededRandom(seed: 11)
        for _ in 0..<20_000 {
            let wide = Int64(bitPattern: rng.next()) >> (rng.next() % 64)
            #expect(int64(String(wide)) == wide)
            let narrow = Int32(truncatingIfNeeded: wide)
            #expect(int32(String(narrow)) == narrow)
            #expect(int32(String(Int64(narrow) + (narrow < 0 ? -1 : 1) * (Int64(UInt32.max) + 1))) == nil)
        }
    }
}
