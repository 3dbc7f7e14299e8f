/// Median, median absolute deviation (MAD) and modified z-score (Iglewicz and Hoaglin:
/// 0.6745 × (x − median) / MAD), the robust statistics the drift, spike, spread and parity
/// checks use: a few wild values move none of them.
enum Robust {
    /// 1 / Φ⁻¹(3/4): the MAD of a normal sample times this estimates its standard deviation,
    /// so "k robust deviations" is k × 1.4826 × MAD (and a modified z-score of 3.5 is 3.5 of them).
    static let normalScale = 1.4826

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// Median absolute deviation from the median.
    static func mad(_ values: [Double]) -> Double {
        let m = median(values)
        return median(values.map { abs($0 - m) })
    }

    /// 0 when the values do not vary and `x` is their median; infinite when they do not vary and it is not.
    static func modifiedZ(_ x: Double, of values: [Double]) -> Double {
        let m = median(values), deviation = mad(values)
        guard deviation > 0 else { return x == m ? 0 : .infinity }
        return 0.6745 * (x - m) / deviation
    }

    /// The median of `values`, leaving them in another order: a selection (Wirth's), linear on
    /// average, where a sort would cost a contract's spreads or an instant's forwards n log n.
    /// Equal to `median(_:)`; 0 when empty.
    static func median(reordering values: inout [Double]) -> Double {
        let n = values.count
        guard n > 0 else { return 0 }
        return values.withUnsafeMutableBufferPointer { buffer in
            let upper = select(buffer, n / 2)
            guard n % 2 == 0 else { return upper }
            // Selection leaves everything below position n/2 no greater than it: the lower
            // middle value is the largest of those.
            var lower = buffer[0]
            for i in 1..<(n / 2) where buffer[i] > lower { lower = buffer[i] }
            return (lower + upper) / 2
        }
    }

    /// The MAD of `values` around `median`, using `scratch` for the deviations.
    static func mad(_ values: [Double], around median: Double, scratch: inout [Double]) -> Double {
        scratch.removeAll(keepingCapacity: true)
        for value in values { scratch.append(abs(value - median)) }
        return Self.median(reordering: &scratch)
    }

    /// Puts the `k`-th smallest value at position `k`, smaller or equal ones before it and
    /// greater or equal ones after, and returns it.
    private static func select(_ a: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        var low = 0, high = a.count - 1
        while low < high {
            let pivot = a[k]
            var i = low, j = high
            repeat {
                while a[i] < pivot { i += 1 }
                while pivot < a[j] { j -= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            } while i <= j
            if j < k { low = i }
            if k < i { high = j }
        }
        return a[k]
    }
}
