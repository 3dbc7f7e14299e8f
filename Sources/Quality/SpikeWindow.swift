/// The last `capacity` values of a series, kept in arrival order and sorted at once, so the
/// rolling median and MAD of each new value (T3) cost a binary search, a shift over the few
/// places a value moved and a binary search, never a sort. T3 asks this of nearly every row of
/// a day, so both run over raw storage, without bounds checks.
struct SpikeWindow {
    let capacity: Int
    private(set) var count = 0
    /// The values ascending at `1...count`, between −∞ at 0 and +∞ at `count + 1`: the sentinels
    /// end every walk and search without a bounds test.
    private var padded: [Double]
    /// The same values as a ring in arrival order; `oldest` is the next to leave.
    private var arrivals: [Double]
    private var oldest = 0

    /// - Precondition: `capacity` ≥ 1.
    init(capacity: Int) {
        precondition(capacity >= 1, "a window holds at least one value")
        self.capacity = capacity
        padded = [Double](repeating: .infinity, count: capacity + 2)
        padded[0] = -.infinity
        arrivals = [Double](repeating: 0, count: capacity)
    }

    var isFull: Bool { count == capacity }

    /// The window's values, ascending.
    var sorted: ArraySlice<Double> { padded[1..<(count + 1)] }

    mutating func reset() {
        count = 0
        oldest = 0
        padded[1] = .infinity
    }

    /// Adds `value`, dropping the oldest once full.
    /// - Precondition: `value` is finite (a NaN has no place in an order, an infinity would
    ///   pass for a sentinel).
    mutating func push(_ value: Double) {
        let n = count, capacity = capacity
        let leaving = n == capacity ? arrivals[oldest] : .infinity
        arrivals[n == capacity ? oldest : n] = value
        if n == capacity { oldest = oldest + 1 == capacity ? 0 : oldest + 1 } else { count = n + 1 }
        padded.withUnsafeMutableBufferPointer { s in
            // Where the value that leaves stands (a full window), or the +∞ past the end (a
            // filling one, which grows by that slot); then slide the new value from there.
            var low = 1, high = n + 1
            while low < high {
                let mid = (low + high) >> 1
                if s[mid] < leaving { low = mid + 1 } else { high = mid }
            }
            var i = low
            if n < capacity { s[n + 2] = .infinity }
            if value > s[i] {
                while s[i + 1] < value {
                    s[i] = s[i + 1]
                    i += 1
                }
            } else {
                while s[i - 1] > value {
                    s[i] = s[i - 1]
                    i -= 1
                }
            }
            s[i] = value
        }
    }

    /// The median of the window; 0 when empty.
    var median: Double {
        let n = count
        guard n > 0 else { return 0 }
        return n % 2 == 1 ? padded[n / 2 + 1] : (padded[n / 2] + padded[n / 2 + 1]) / 2
    }

    /// The median absolute deviation from `median`. The deviations of the values below the
    /// middle grow leftwards (`left`), those from the middle up grow rightwards (`right`): the
    /// middle deviation is the t-th smallest of two ascending sequences, found by a binary search
    /// for how many of them come from the left, in a handful of steps.
    func mad(around median: Double) -> Double {
        let n = count
        guard n > 0 else { return 0 }
        return padded.withUnsafeBufferPointer { s in
            let c = n / 2, p = c + 1
            // The deviations up to the lower middle one: t of them.
            let t = n % 2 == 1 ? c + 1 : c
            // Past either end a sentinel gives +∞; one step before the start a value on the
            // other side of the median gives a deviation ≤ 0, below every real one.
            func left(_ i: Int) -> Double { median - s[p &- 1 &- i] }
            func right(_ j: Int) -> Double { s[p &+ j] - median }
            var low = 0, high = c
            while low < high {
                let mid = (low &+ high) >> 1
                if left(mid) >= right(t &- 1 &- mid) { high = mid } else { low = mid &+ 1 }
            }
            let lower = max(left(low &- 1), right(t &- 1 &- low))
            guard n % 2 == 0 else { return lower }
            return (lower + min(left(low), right(t &- low))) / 2
        }
    }
}
