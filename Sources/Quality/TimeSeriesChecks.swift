/// The checks of a series through the day:
///
/// - T2 (warning; rows with an underlying time, in files with an underlying_price): the
///   underlying quote the greeks used is more than `staleUnderlyingSeconds` older than the
///   row. v3's `underlying_timestamp` is an instant; v2's `ms_of_day2` and schema 1's
///   `underlying_ms_of_day` are New York times of day without a date, so one later than the
///   row's own time is the previous day's, which is stale. (EOD's v2 `ms_of_day2` is the last
///   trade's time, and an EOD file has no underlying_price.)
/// - T3 (warning; two-sided rows of a contract once `spikeWindow` two-sided mids precede them):
///   |mid − rolling median| above `spikeDeviations` × 1.4826 × rolling MAD, the MAD above 0,
///   over the previous `spikeWindow` mids (Hampel's filter; the median and MAD, unlike a mean
///   and standard deviation, are not dragged by the spike they look for), and the mid an
///   isolated excursion: the contract's previous and next two-sided mids both lie beyond the
///   same limit from it, on the same side. A same-day option near the money moves tenfold
///   within an hour with the index (a put from $2 to $25 and back to $14, a step at a time);
///   the rolling window alone calls every such move a spike. A contract's last mid has no
///   next one and is not a spike.
struct TimeSeriesChecks {
    /// A mid far from its window, waiting for the next mid to say whether it stands alone.
    private struct Candidate {
        var mid: Double
        /// The mid before it.
        var previous: Double
        /// How far beyond `mid` both neighbours must lie for a spike: the same robust deviations.
        var limit: Double
        var contract: ContractKey
        var msOfDay: Int32

        /// Whether the previous mid and `next` both lie more than `limit` beyond `mid` on the same side.
        func standsAlone(before next: Double) -> Bool {
            (mid - previous > limit && mid - next > limit) || (previous - mid > limit && next - mid > limit)
        }
    }

    private(set) var t2 = CheckTally(), t3 = CheckTally()
    private let thresholds: QualityThresholds
    /// The current contract's last mids; T3 is off when `spikeWindow` is below 1.
    private var window: SpikeWindow
    private var candidate: Candidate?
    /// The contract's last two-sided mid.
    private var previousMid = 0.0
    private var rootNames: [String] = []

    init(thresholds: QualityThresholds) {
        self.thresholds = thresholds
        window = SpikeWindow(capacity: max(thresholds.spikeWindow, 1))
    }

    mutating func scan(_ g: ScanGroup) {
        staleness(g)
        spikes(g)
    }

    private mutating func staleness(_ g: ScanGroup) {
        guard g.underlyingPrice != nil else { return }
        let c = g.columns
        let limitMs = Int64(thresholds.staleUnderlyingSeconds) * 1000
        if let instant = c.integer("underlying_timestamp") {
            for row in 0..<g.count where instant.isPresent(row) {
                t2.count(failed: c.timestamp[row] - instant.values[row] > limitMs,
                         key: g.key(row) + " underlying at " + ExampleKey.instant(instant.values[row]))
            }
        } else if let time = c.integer("ms_of_day2") ?? c.integer("underlying_ms_of_day") {
            for row in 0..<g.count where time.isPresent(row) {
                let lag = Int64(c.msOfDay[row]) - time.values[row]
                t2.count(failed: lag < 0 || lag > limitMs, key: g.key(row) + " underlying at " + ExampleKey.time(Int32(clamping: time.values[row])))
            }
        }
    }

    private mutating func spikes(_ g: ScanGroup) {
        guard thresholds.spikeWindow >= 1, let bid = g.bid, let ask = g.ask else { return }
        rootNames = g.rootNames
        let limit = thresholds.spikeDeviations * Robust.normalScale
        for run in g.runs {
            if run.isNew {
                endContract()
                window.reset()
            }
            for row in run.rows {
                let b = bid.values[row], a = ask.values[row]
                guard b > 0, a > 0 else { continue }
                let mid = (b + a) / 2
                guard mid.isFinite else { continue }
                if let candidate {
                    let names = rootNames
                    t3.count(failed: candidate.standsAlone(before: mid),
                             key: Self.example(names, candidate) + " between \(candidate.previous) and \(mid)")
                    self.candidate = nil
                }
                if window.isFull {
                    let median = window.median
                    let deviation = abs(mid - median)
                    // A mid at the median cannot be a spike: the MAD's walk is spared.
                    let mad = deviation > 0 ? window.mad(around: median) : 0
                    if mad > 0 && deviation > limit * mad {
                        candidate = Candidate(mid: mid, previous: previousMid, limit: limit * mad, contract: run.key,
                                              msOfDay: g.columns.msOfDay[row])
                    } else {
                        t3.evaluated += 1
                    }
                }
                window.push(mid)
                previousMid = mid
            }
        }
    }

    /// Judges what the last contract left waiting: call once, after the last row group.
    mutating func finish() { endContract() }

    /// A candidate without a next mid does not revert: counted, not failed.
    private mutating func endContract() {
        guard candidate != nil else { return }
        candidate = nil
        t3.evaluated += 1
    }

    private static func example(_ rootNames: [String], _ candidate: Candidate) -> String {
        let c = candidate.contract
        return ExampleKey.of(root: rootNames[Int(c.root)], expiration: c.expiration, strike: c.strike, right: c.right,
                             msOfDay: candidate.msOfDay) + " mid \(candidate.mid)"
    }
}
