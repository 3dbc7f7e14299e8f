/// Byte patterns such as a schema's `"name":` keys, laid out as 8-byte words, so that
/// checking whether a line continues with the expected key takes a few word compares.
///
/// Immutable once built; the memory is owned here and freed with the last reference.
final class KeyPatterns {
    /// Per pattern: its full words, then its last partial word (zero-padded).
    private let words: UnsafeMutablePointer<UInt64>
    /// Where each pattern's words start in `words`, plus one past the end.
    private let starts: [Int]
    private let lengths: [Int]
    /// Per pattern: the mask selecting the bytes of its last partial word.
    private let tailMasks: [UInt64]

    /// The `"name":` patterns of `names`.
    convenience init(_ names: [String]) {
        self.init(patterns: names.map { Array("\"\($0)\":".utf8) })
    }

    /// Arbitrary byte patterns, matched the same way.
    init(patterns: [[UInt8]]) {
        var starts = [0]
        for p in patterns { starts.append(starts[starts.count - 1] + (p.count + 7) / 8) }
        let total = starts[starts.count - 1]
        words = .allocate(capacity: max(total, 1))
        words.initialize(repeating: 0, count: max(total, 1))
        var masks: [UInt64] = []
        for (k, p) in patterns.enumerated() {
            // Bytes are placed through memory, so the words compare like the line's bytes
            // loaded the same way, whatever the byte order.
            UnsafeMutableRawPointer(words + starts[k]).copyMemory(from: p, byteCount: p.count)
            let tail = p.count % 8
            var mask: UInt64 = 0
            if tail > 0 {
                withUnsafeMutableBytes(of: &mask) { m in
                    for b in 0..<tail { m[b] = 0xFF }
                }
            }
            masks.append(mask)
        }
        self.starts = starts
        lengths = patterns.map(\.count)
        tailMasks = masks
    }

    deinit { words.deallocate() }

    /// The length of pattern `index` if the `remaining` bytes at `text` start with it, else 0.
    @inline(__always)
    func match(_ index: Int, at text: UnsafePointer<UInt8>, remaining: Int) -> Int {
        let n = lengths[index]
        guard remaining >= n else { return 0 }
        let raw = UnsafeRawPointer(text)
        var w = words + starts[index]
        var k = 0
        while k + 8 <= n {
            if raw.loadUnaligned(fromByteOffset: k, as: UInt64.self) != w.pointee { return 0 }
            w += 1
            k += 8
        }
        guard k < n else { return n }
        // A value and the closing brace follow every key, so there are nearly always 8 bytes
        // from here on and the last partial word loads in one piece.
        if remaining - k >= 8 {
            return raw.loadUnaligned(fromByteOffset: k, as: UInt64.self) & tailMasks[index] == w.pointee ? n : 0
        }
        // Near the end of the line: compare the last bytes one by one.
        let tail = UnsafeRawPointer(w)
        while k < n {
            if raw.load(fromByteOffset: k, as: UInt8.self) != tail.load(fromByteOffset: k % 8, as: UInt8.self) { return 0 }
            k += 1
        }
        return n
    }
}
