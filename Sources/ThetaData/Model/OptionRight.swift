/// Call or put.
public enum OptionRight: UInt8, Sendable, Hashable, CustomStringConvertible {
    case call = 67  // "C"
    case put = 80  // "P"

    /// The Terminal's spellings, case-insensitive: `C`/`P` (v2), `call`/`put`/`CALL`/`PUT` (v3).
    init?(bytes: UnsafeRawBufferPointer) {
        guard let first = bytes.first else { return nil }
        let lower = bytes.count == 1 ? first | 0x20 : 0
        switch bytes.count {
        case 1 where lower == UInt8(ascii: "c"): self = .call
        case 1 where lower == UInt8(ascii: "p"): self = .put
        case 4 where Self.equalsIgnoringCase(bytes, "call"): self = .call
        case 3 where Self.equalsIgnoringCase(bytes, "put"): self = .put
        default: return nil
        }
    }

    public var description: String { self == .call ? "C" : "P" }

    private static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        let w = UnsafeRawBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        return zip(bytes, w).allSatisfy { $0 | 0x20 == $1 }
    }
}
