/// Stateless randomness: every value is a hash of the seed and the coordinates it belongs to
/// (symbol, date, contract, minute), so any row can be produced alone, in any order, and is the
/// same on every run.
struct SeededHash: Sendable {
    var state: UInt64

    init(_ parts: UInt64...) {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for p in parts { h = Self.mix(h ^ p) }
        state = h
    }

    /// SplitMix64's finaliser.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a, so a symbol can be one of the coordinates.
    static func text(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }

    mutating func next() -> UInt64 {
        state = Self.mix(state)
        return state
    }

    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Standard normal (Box-Muller).
    mutating func gaussian() -> Double {
        let u = max(uniform(), 1e-12), v = uniform()
        return (-2 * naturalLog(u)).squareRoot() * cosine(2 * Double.pi * v)
    }

    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}
