import Testing
import TestSupport
@testable import Pipeline

@Suite("Short decimal printing of doubles")
struct ShortDecimalTests {
    func text(_ v: Double) -> String? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            ShortDecimal.write(v, to: buffer.baseAddress!).map { String(decoding: buffer[..<$0], as: UTF8.self) }
        }
    }

    @Test("decimals of up to 9 places print as themselves and parse back to the same bits")
    func decimalsRoundTrip() throws {
        var rng = SeededRandom(seed: 11)
        for _ in 0..<50_000 {
            let places = Int(rng.next() % 10)
            let digits = Int64(bitPattern: rng.next()) % 1_000_000_000_000
            let decimal = Double(digits) / [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9][places]
            let printed = try #require(text(decimal), "\(decimal) has \(places) places, so it must print")
            #expect(Double(printed)?.bitPattern == decimal.bitPattern, "\(decimal) printed as \(printed)")
            // Never more places than the decimal it came from.
            let fraction = printed.split(separator: ".").dropFirst().first?.count ?? 0
            #expect(fraction <= places, "\(printed) from \(digits)e-\(places)")
        }
    }

    @Test("any double either prints text that parses back exactly or is left to the fallback")
    func arbitraryBits() {
        var rng = SeededRandom(seed: 12)
        var printedCount = 0
        for _ in 0..<50_000 {
            let v = Double(bitPattern: rng.next())
            guard let printed = text(v) else { continue }
            printedCount += 1
            #expect(Double(printed)?.bitPattern == v.bitPattern, "\(v) printed as \(printed)")
        }
        #expect(printedCount < 50_000)  // most random bit patterns need more than 9 places
    }

    @Test("forms: sign, zero, leading zeros, integers", arguments: [
        (0.0, "0"), (-0.0, "-0.0"), (7, "7"), (-12.5, "-12.5"), (0.0001, "0.0001"), (-0.05, "-0.05"),
        (5100.125, "5100.125"), (123_456_789.5, "123456789.5"),
    ])
    func forms(value: Double, expected: String) {
        #expect(text(value) == expected)
    }

    @Test("not finite or too large for the integer path: left to the fallback", arguments: [
        Double.nan, .infinity, -.infinity, 1e16, 1e300, 1e-10, .leastNonzeroMagnitude,
    ])
    func fallbacks(value: Double) {
        #expect(text(value) == nil)
    }
}
