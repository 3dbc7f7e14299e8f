/// The order of a chain's quotes by instant, stable, so that the quotes of one instant keep the
/// file's order (strike, then call before put). An expiration's quotes span a day, a few
/// dozen bits of milliseconds: a radix sort of 11 bits a pass orders them in linear time
/// where a comparison sort would cost n log n per expiration.
enum InstantOrder {
    private static let digitBits = 11
    /// Below this many quotes a comparison sort is as quick.
    private static let radixFrom = 256

    /// Fills `order` with the indexes of `times`, ascending by time, equal times in index order.
    static func sort(_ times: [Int64], into order: inout [Int32], scratch: inout [Int32]) {
        let n = times.count
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: (0..<Int32(n)))
        guard n > 1, let earliest = times.min(), let latest = times.max() else { return }
        let (span, overflow) = latest.subtractingReportingOverflow(earliest)
        guard n >= radixFrom, !overflow else {
            order.sort { (times[Int($0)], $0) < (times[Int($1)], $1) }
            return
        }
        // Interval rows share trailing zero bits (a minute is 2^5 × 1875 ms): dropping them
        // spares a pass.
        var common: UInt64 = 0
        for time in times { common |= UInt64(time - earliest) }
        let dropped = UInt64(common.trailingZeroBitCount % 64)
        let bits = 64 - (UInt64(span) >> dropped).leadingZeroBitCount
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: repeatElement(0, count: n))
        var counts = [Int](repeating: 0, count: 1 << digitBits)
        let mask = UInt64(1 << digitBits - 1)
        var pass = 0
        while pass < bits {
            for i in counts.indices { counts[i] = 0 }
            let shift = UInt64(pass) + dropped
            for index in order { counts[Int((UInt64(times[Int(index)] - earliest) >> shift) & mask)] += 1 }
            var total = 0
            for i in counts.indices {
                let count = counts[i]
                counts[i] = total
                total += count
            }
            for index in order {
                let digit = Int((UInt64(times[Int(index)] - earliest) >> shift) & mask)
                scratch[counts[digit]] = index
                counts[digit] += 1
            }
            swap(&order, &scratch)
            pass += digitBits
        }
    }
}
