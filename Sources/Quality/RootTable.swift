import Parquet

/// The option roots a day's rows name, each numbered once: rows carry the number, so a
/// contract's key is integers and a root's rules are an array lookup, with no string per row.
struct RootTable {
    private(set) var names: [String] = []
    private(set) var rules: [RootRules] = []
    private var bytes: [[UInt8]] = []

    /// Each row's root number. Rows come sorted by root, so a row's bytes are compared with
    /// the previous row's and the table is searched only where the root changes.
    mutating func ids(of roots: ByteArrayColumn) -> [Int32] {
        var ids = [Int32](repeating: 0, count: roots.count)
        let offsets = roots.offsets, all = roots.bytes
        var previous: Int32 = -1, previousStart = 0, previousEnd = 0
        for row in 0..<roots.count {
            let start = offsets[row], end = offsets[row + 1]
            if previous >= 0 && end - start == previousEnd - previousStart {
                var same = true
                for k in 0..<(end - start) where all[start + k] != all[previousStart + k] {
                    same = false
                    break
                }
                if same {
                    ids[row] = previous
                    continue
                }
            }
            previous = id(of: Array(all[start..<end]))
            (previousStart, previousEnd) = (start, end)
            ids[row] = previous
        }
        return ids
    }

    private mutating func id(of root: [UInt8]) -> Int32 {
        if let known = bytes.firstIndex(of: root) { return Int32(known) }
        let name = String(decoding: root, as: UTF8.self)
        bytes.append(root)
        names.append(name)
        rules.append(RootRules(root: name))
        return Int32(bytes.count - 1)
    }
}
