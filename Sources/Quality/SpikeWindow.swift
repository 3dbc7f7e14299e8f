/// The last `capacity` values of a series, kept in arrival order and sorted at once, so the
/// rolling median and MAD of each new value (T3) cost a binary search, a shift over the few
/// places a value moved and a walk over half the window, never a sort.
struct SpikeWindow {
    let capacity: Int
    /// The window's values, ascending.
    private(set) var sorted: [Double] = []
    /// The same values as a ring in arrival order; `oldest` is the next to leave.
    private var arrivals: [Double] = []
    private var oldest = 0

    /// - Precondition: `capacity` ≥ 1.
    init(capacity: Int) {
        precondition(capacity >= 1, "a window holds at least one value")
        self.capacity = capacity
        sorted.reserveCapacity(capacity)
        arrivals.reserveCapacity(capacity)
    }

    var isFull: Bool { sorted.count == capacity }

    mutating func reset() {
        sorted.removeAll(keepingCapacity: true)
        arrivals.removeAll(keepingCapacity: true)
        oldest = 0
    }

    /// Adds `value`, dropping the oldest once full.
    /// - Precondition: `value` is finite (a NaN has no place in an order).
    mutating func push(_ value: Double) {
        guard isFull else {
            arrivals.append(value)
            var low = 0, high = sorted.count
            while low < high {
                let mid = (low + high) / 2
                if sorted[mid] <= value { low = mid + 1 } else { high = mid }
            }
            sorted.insert(value, at: low)
            return
        }
        let leaving = arrivals[oldest]
        arrivals[oldest] = value
        oldest = oldest + 1 == capacity ? 0 : oldest + 1
        // The leaving value's place, then slide the new one from there to its own.
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < leaving { low = mid + 1 } else { high = mid }
        }
        var i = low
        if value > leaving {
            while i + 1 < sorted.count && sorted[i + 1] < value {
                sorted[i] = sorted[i + 1]
                i += 1
            }
        } else {
            while i > 0 && sorted[i - 1] > value {
                sorted[i] = sorted[i - 1]
                i -= 1
            }
        }
        sorted[i] = value
    }

    /// The median of the window; 0 when empty.
    var median: Double {
        let n = sorted.count
        guard n > 0 else { return 0 }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// The median absolute deviation from `median`. The deviations of the values below the
    /// middle grow leftwards, those from the middle up grow rightwards: merging the two walks
    /// reaches the middle deviation after half the window.
    func mad(around median: Double) -> Double {
        let n = sorted.count
        guard n > 0 else { return 0 }
        var left = n / 2 - 1, right = n / 2
        var previous = 0.0, current = 0.0
        for _ in 0...(n / 2) {
            previous = current
            let fromLeft = left >= 0 ? median - sorted[left] : .infinity
            let fromRight = right < n ? sorted[right] - median : .infinity
            if fromLeft <= fromRight {
                current = fromLeft
                left -= 1
            } else {
                current = fromRight
                right += 1
            }
        }
        return n % 2 == 1 ? current : (previous + current) / 2
    }
}
