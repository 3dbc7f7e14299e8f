/// The `"name":` byte patterns of a schema's keys in one block of memory, so checking
/// whether a line continues with the expected key is a few word compares.
final class KeyPatterns {
    private let bytes: UnsafeMutablePointer<UInt8>
    private let offsets: [Int]

    init(_ names: [String]) {
        let patterns = names.map { Array("\"\($0)\":".utf8) }
        var offsets = [0]
        for p in patterns { offsets.append(offsets[offsets.count - 1] + p.count) }
        bytes = .allocate(capacity: max(offsets[offsets.count - 1], 1))
        var at = 0
        for p in patterns {
            for b in p {
                bytes[at] = b
                at += 1
            }
        }
        self.offsets = offsets
    }

    deinit { bytes.deallocate() }

    /// Whether the `remaining` bytes at `line` start with pattern `index`; returns its length or 0.
    @inline(__always)
    func match(_ index: Int, at line: UnsafePointer<UInt8>, remaining: Int) -> Int {
        let start = offsets[index]
        let n = offsets[index + 1] - start
        guard remaining >= n else { return 0 }
        let pattern = UnsafeRawPointer(bytes + start)
        let text = UnsafeRawPointer(line)
        var k = 0
        while k + 8 <= n {
            if pattern.loadUnaligned(fromByteOffset: k, as: UInt64.self) != text.loadUnaligned(fromByteOffset: k, as: UInt64.self) { return 0 }
            k += 8
        }
        while k < n {
            if pattern.load(fromByteOffset: k, as: UInt8.self) != text.load(fromByteOffset: k, as: UInt8.self) { return 0 }
            k += 1
        }
        return n
    }
}
