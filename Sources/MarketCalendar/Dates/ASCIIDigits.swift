/// Fixed-width decimal formatting straight into a string's bytes: listings print thousands of
/// dates and instants, and interpolation allocates several strings per value.
enum ASCIIDigits {
    /// Writes `value` as exactly `width` digits (zero-padded, most significant dropped) at `offset`.
    static func write(_ value: Int, width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        var v = value
        for i in stride(from: offset + width - 1, through: offset, by: -1) {
            buffer[i] = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
        }
    }

    /// A string of `count` ASCII bytes filled by `fill`.
    static func string(count: Int, _ fill: (UnsafeMutableBufferPointer<UInt8>) -> Void) -> String {
        String(unsafeUninitializedCapacity: count) { buffer in
            fill(buffer)
            return count
        }
    }
}
