/// The timestamps of one contract's rows so far, so that a repeated key is found (U1) and its
/// values compared with the first row's (U2). Rows come in time order, so a new timestamp is
/// almost always above every earlier one and needs no search. A row's values are hashed only
/// when a repeat needs them, or when the contract's rows outlive their row group.
struct SeenKeys {
    private var times: [Int64] = []
    /// Each first row's place in the current row group, or −1 once its hash is kept instead.
    private var rows: [Int32] = []
    private var hashes: [UInt64] = []
    /// Whether `times` is ascending, so a repeat is found by binary search.
    private var ascending = true
    /// Entries from here on still refer to the current group by place.
    private var uncarried = 0

    mutating func reset() {
        times.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        ascending = true
        uncarried = 0
    }

    /// The entry of the contract's first row at `time`; nil when `time` is new, which is then
    /// remembered as first seen at `row` of the current group.
    @inline(__always)
    mutating func first(at time: Int64, row: Int) -> Int? {
        if let last = times.last, time <= last {
            if let found = find(time) { return found }
            ascending = false
        }
        times.append(time)
        rows.append(Int32(row))
        hashes.append(0)
        return nil
    }

    /// The values' hash of entry `index`.
    func hash(of index: Int, in group: ScanGroup) -> UInt64 {
        rows[index] >= 0 ? group.valueHash(Int(rows[index])) : hashes[index]
    }

    /// Keeps the hashes of the entries that refer to `group` by place, before it goes.
    mutating func carry(out group: ScanGroup) {
        for i in uncarried..<times.count where rows[i] >= 0 {
            hashes[i] = group.valueHash(Int(rows[i]))
            rows[i] = -1
        }
        uncarried = times.count
    }

    private func find(_ time: Int64) -> Int? {
        guard ascending else { return times.firstIndex(of: time) }
        var low = 0, high = times.count
        while low < high {
            let mid = (low + high) / 2
            if times[mid] < time { low = mid + 1 } else { high = mid }
        }
        return low < times.count && times[low] == time ? low : nil
    }
}
