/// Open-addressing hash tables that give each distinct value a dictionary index.
///
/// Fixed-width values are keyed by their bit pattern, so NaN payloads and -0.0 stay distinct
/// and come back exactly. Byte arrays are stored once, back to back, and compared by bytes.
struct FixedWidthInterner {
    /// A table entry: the key beside its index, so that a probe reads one cache line. Large
    /// dictionaries (greeks to 4 decimals) outgrow the caches and every lookup misses.
    private struct Slot {
        var key: UInt64
        /// Dictionary index plus one; 0 marks an empty slot.
        var tag: UInt32
    }

    private(set) var keys: [UInt64] = []
    private var slots: [Slot]
    private var mask: Int
    /// 64 minus log2 of the table size.
    private var shift: UInt64

    init(capacity: Int = 1024) {
        let size = Swift.max(16, (capacity * 2).nextPowerOfTwo)
        slots = [Slot](repeating: Slot(key: 0, tag: 0), count: size)
        mask = size - 1
        shift = UInt64(size.leadingZeroBitCount + 1)
    }

    var count: Int { keys.count }

    /// Fibonacci hashing: the top bits of the product depend on every bit of the key, which
    /// matters for doubles, whose low mantissa bits are all zero for short binary fractions.
    @inline(__always)
    private static func slot(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Writes the index of each of `values` (as bit patterns) to `out`, adding new ones.
    /// Works on raw buffers: this loop runs once per value of every dictionary column.
    mutating func indices<T>(of values: UnsafeBufferPointer<T>, bits: (T) -> UInt64, into out: UnsafeMutablePointer<UInt32>) {
        // Market data repeats itself row to row; remembering the last key skips the probe.
        var lastKey: UInt64 = 0
        var lastIndex: UInt32 = .max
        var n = 0
        while n < values.count {
            // The table grows only as keys arrive and stays at most half full, so that a column
            // with few distinct values probes a table small enough for the first-level cache.
            if (keys.count + 1) * 2 > slots.count { rehash(size: slots.count * 2) }
            let mask = self.mask, shift = self.shift, limit = slots.count / 2
            slots.withUnsafeMutableBufferPointer { slots in
                while n < values.count {
                    let key = bits(values[n])
                    if key == lastKey && lastIndex != .max {
                        out[n] = lastIndex
                        n += 1
                        continue
                    }
                    var slot = Self.slot(key, shift: shift)
                    while true {
                        let entry = slots[slot]
                        if entry.tag == 0 {
                            // Full enough: leave this value for after the table has grown.
                            if keys.count == limit { return }
                            slots[slot] = Slot(key: key, tag: UInt32(keys.count + 1))
                            lastIndex = UInt32(keys.count)
                            keys.append(key)
                            break
                        }
                        if entry.key == key {
                            lastIndex = entry.tag - 1
                            break
                        }
                        slot = (slot + 1) & mask
                    }
                    lastKey = key
                    out[n] = lastIndex
                    n += 1
                }
            }
        }
    }

    private mutating func rehash(size: Int) {
        slots = [Slot](repeating: Slot(key: 0, tag: 0), count: size)
        mask = size - 1
        shift = UInt64(size.leadingZeroBitCount + 1)
        for (i, key) in keys.enumerated() {
            var slot = Self.slot(key, shift: shift)
            while slots[slot].tag != 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(key: key, tag: UInt32(i + 1))
        }
    }
}

struct ByteArrayInterner {
    private(set) var values = ByteArrayColumn()
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int
    /// PLAIN size of the dictionary so far: 4-byte length plus bytes per value.
    private(set) var plainSize = 0

    init(capacity: Int = 1024) {
        let size = Swift.max(16, (capacity * 2).nextPowerOfTwo)
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { hashes.count }

    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        // FNV-1a over 8-byte words, then a final mix: fast for the short keys we see.
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        var i = 0
        while i + 8 <= bytes.count {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x0000_0100_0000_01B3
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    mutating func index(of bytes: UnsafeRawBufferPointer) -> Int32 {
        let h = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let existing = slots[slot]
            if existing < 0 {
                let index = Int32(hashes.count)
                slots[slot] = index
                hashes.append(h)
                values.append(bytes)
                plainSize += 4 + bytes.count
                if hashes.count * 2 > slots.count { grow() }
                return index
            }
            if hashes[Int(existing)] == h && values.withValue(at: Int(existing), { $0.elementsEqual(bytes) }) {
                return existing
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (i, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
    }
}

extension Int {
    var nextPowerOfTwo: Int {
        self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount)
    }
}
