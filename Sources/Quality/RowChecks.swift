/// The checks of one row on its own, the row's date, key and prices against fixed rules:
///
/// - S2 (rows): the row's `date` is not the footer's date, or that date is not an NYSE session
///   (then every row fails: nothing in the file can be a day of trading).
/// - S3 (rows): right neither `C` nor `P`, strike ≤ 0, or expiration before the row's date.
/// - V1 (rows, when the file has any of the columns below): a present bid, ask, bid_size,
///   ask_size, open, high, low, close, vwap, volume, count, open_interest or underlying_price
///   that is negative or not finite.
/// - V8 (rows with an underlying_price): S ≤ 0, or |S / previous close − 1| above
///   `underlyingMove` when the ledger knows the previous session's close.
/// - V11 (rows of open, high, low and close all present): a bar without a trade (volume 0) that
///   is not all zeros, which is how the Terminal sends one; a traded bar (or one without a
///   volume column) whose low is above min(open, close), whose high is below max(open, close),
///   or whose low is above its high.
/// - C6 (info; rows, when the file has bid and ask): not a two-sided quote (bid > 0 and ask > 0).
///
/// It also counts the funnel's first two filters (Constantinides, Jackwerth and Savov,
/// "The Puzzle of Index Option Returns", 2013, Appendix B: days to expiry below 7, moneyness
/// K/S outside 0.8-1.2) and the quiet rows the ledger counts (`QuietIntervals`: bid = ask = 0,
/// or an OHLC bar with volume 0).
struct RowChecks {
    private(set) var s2 = CheckTally(), s3 = CheckTally(), v1 = CheckTally(), v8 = CheckTally()
    private(set) var v11 = CheckTally(), c6 = CheckTally()
    private(set) var shortDated = FunnelCount(), outOfMoneyness = FunnelCount()
    private(set) var quietRows: Int64 = 0
    /// The underlying's price at the latest row time seen, and that time: the day's close,
    /// the next session's reference for V8.
    private(set) var underlyingClose: Double?
    private var underlyingCloseTime = Int64.min
    private let facts: DayFacts
    /// Rows V1 failed in the current group, one flag per row, kept to spare an allocation per group.
    private var negative: [Bool] = []

    static let v1Doubles = ["bid", "ask", "open", "high", "low", "close", "vwap", "underlying_price"]
    static let v1Integers = ["bid_size", "ask_size", "volume", "count", "open_interest"]

    init(facts: DayFacts) { self.facts = facts }

    mutating func scan(_ g: ScanGroup) {
        sessionAndKeys(g)
        negativesAndInfinities(g)
        underlying(g)
        bars(g)
        quotesAndQuiet(g)
    }

    private mutating func sessionAndKeys(_ g: ScanGroup) {
        let c = g.columns
        if let day = facts.day, facts.session != nil {
            for row in 0..<g.count {
                s2.count(failed: c.date[row] != day, key: g.key(row) + " dated " + ExampleKey.date(c.date[row]))
            }
        } else {
            s2.evaluated += Int64(g.count)
            s2.failed += Int64(g.count)
            if s2.examples.isEmpty { s2.examples.append("the file's date \(facts.dateText) is not an NYSE session") }
        }
        let minDays = Int32(clamping: facts.thresholds.funnelMinDays)
        for row in 0..<g.count {
            let right = c.right[row]
            let bad = (right != UInt8(ascii: "C") && right != UInt8(ascii: "P")) || c.strike[row] <= 0
                || c.expiration[row] < c.date[row]
            s3.count(failed: bad, key: g.key(row))
            shortDated.count(removed: c.expiration[row] &- c.date[row] < minDays)
        }
    }

    private mutating func negativesAndInfinities(_ g: ScanGroup) {
        let doubles = Self.v1Doubles.compactMap { g.columns.double($0) }
        let integers = Self.v1Integers.compactMap { g.columns.integer($0) }
        guard !doubles.isEmpty || !integers.isEmpty else { return }
        negative.removeAll(keepingCapacity: true)
        negative.append(contentsOf: repeatElement(false, count: g.count))
        // Nulls hold 0, which passes.
        for column in doubles {
            for (row, x) in column.values.enumerated() where !(x >= 0 && x < .infinity) { negative[row] = true }
        }
        for column in integers {
            for (row, x) in column.values.enumerated() where x < 0 { negative[row] = true }
        }
        v1.evaluated += Int64(g.count)
        for row in 0..<g.count where negative[row] { v1.fail(key: g.key(row)) }
    }

    private mutating func underlying(_ g: ScanGroup) {
        guard let spot = g.underlyingPrice else { return }
        let low = facts.thresholds.funnelMoneynessLow, high = facts.thresholds.funnelMoneynessHigh
        let move = facts.thresholds.underlyingMove
        let previous = facts.previousClose
        for row in 0..<g.count where spot.isPresent(row) {
            let s = spot.values[row]
            let time = g.columns.timestamp[row]
            if s > 0 && time >= underlyingCloseTime {
                underlyingCloseTime = time
                underlyingClose = s
            }
            var bad = s <= 0
            if !bad, let previous { bad = abs(s / previous - 1) > move }
            v8.count(failed: bad, key: g.key(row) + " S=\(s)")
            guard s > 0 else { continue }
            let moneyness = Double(g.columns.strike[row]) / 1000 / s
            outOfMoneyness.count(removed: moneyness < low || moneyness > high)
        }
    }

    private mutating func bars(_ g: ScanGroup) {
        guard let open = g.columns.double("open"), let high = g.columns.double("high"),
              let low = g.columns.double("low"), let close = g.columns.double("close") else { return }
        let volume = g.columns.integer("volume")
        for row in 0..<g.count where open.isPresent(row) && high.isPresent(row) && low.isPresent(row) && close.isPresent(row) {
            let o = open.values[row], h = high.values[row], l = low.values[row], c = close.values[row]
            let bad: Bool
            if let volume, volume.isPresent(row), volume.values[row] == 0 {
                bad = o != 0 || h != 0 || l != 0 || c != 0
            } else {
                bad = l > min(o, c) || h < max(o, c) || l > h
            }
            v11.count(failed: bad, key: g.key(row))
        }
    }

    private mutating func quotesAndQuiet(_ g: ScanGroup) {
        let intervals = DayFacts.intervalDatasets.contains(facts.dataset)
        if let bid = g.bid, let ask = g.ask {
            for row in 0..<g.count {
                let b = bid.values[row], a = ask.values[row]
                c6.count(failed: !(b > 0 && a > 0), key: g.key(row))
                if intervals && b == 0 && a == 0 && bid.isPresent(row) && ask.isPresent(row) { quietRows += 1 }
            }
        } else if intervals, let volume = g.columns.integer("volume") {
            for row in 0..<g.count where volume.values[row] == 0 && volume.isPresent(row) { quietRows += 1 }
        }
    }
}

/// Rows one research filter would remove, of the rows it looked at.
struct FunnelCount {
    private(set) var removed: Int64 = 0
    private(set) var of: Int64 = 0

    @inline(__always)
    mutating func count(removed isRemoved: Bool) {
        of += 1
        if isRemoved { removed += 1 }
    }
}
