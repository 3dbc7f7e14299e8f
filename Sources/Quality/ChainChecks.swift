/// The checks of an expiration's chain at one instant, over its two-sided quotes (bid > 0 and
/// ask > 0) only: a one-sided or empty quote is no price to arbitrage against. Only tradeable
/// breaches count: a bid above an ask, never one mid against another, so X1-X3 flag what a
/// trader could have locked in, beyond one tick of the root's increment at the higher price.
///
/// - X1 (adjacent strike pairs, calls and puts apart): prices not monotone in strike: a call's
///   bid at K2 above the ask at K1 < K2, a put's bid at K1 above the ask at K2.
/// - X2 (the same pairs): a vertical spread sold for more than its widest payoff: a call's
///   bid(K1) − ask(K2), a put's bid(K2) − ask(K1), above K2 − K1.
/// - X3 (adjacent strike triples K1 < K2 < K3, calls and puts apart): a butterfly sold for
///   less than nothing, prices not convex in strike: bid(K2) above λ·ask(K1) + (1−λ)·ask(K3),
///   λ = (K3 − K2) / (K3 − K1).
/// - X4 (warning; strikes within 5% of S with a call and a put, at instants with at least 5 of
///   them): a put-call-parity forward F_K = K + C_mid − P_mid more than `modifiedZ` robust
///   deviations (× 1.4826 × MAD, Iglewicz and Hoaglin) from the instant's median forward. The
///   MAD is floored at one tick of the root's higher increment: the forwards are known to a
///   tick, and a chain of equal forwards would otherwise make a one-tick difference an outlier.
/// - X5 (info; the same call-put pairs, whatever their number): an implied rate
///   r = −ln((S − C_mid + P_mid) / K) / T below 0 (T to the expiration's close).
///
/// The chain's quotes are buffered until its rows end (one expiration of one root, the most
/// memory the scan holds besides a row group), then ordered by instant (`InstantOrder`).
struct ChainChecks {
    /// One two-sided quote of the chain.
    struct Quote {
        var strike: Int64
        var bid: Double
        var ask: Double
        /// The underlying price, 0 when the file has none.
        var spot: Double
        var msOfDay: Int32
        var isCall: Bool

        var mid: Double { (bid + ask) / 2 }
    }

    var x1 = CheckTally(), x2 = CheckTally(), x3 = CheckTally(), x4 = CheckTally(), x5 = CheckTally()
    let modifiedZ: Double
    /// The chain being buffered (its root and expiration).
    var chain: ContractKey?
    var quotes: [Quote] = []
    var times: [Int64] = []
    var rootNames: [String] = []
    var rules = RootRules(root: "")
    var clock = ExpirationClock()
    // Buffers reused from one instant to the next.
    var order: [Int32] = [], orderScratch: [Int32] = []
    var calls: [Int32] = [], puts: [Int32] = []
    var forwards: [Double] = [], forwardQuotes: [Int32] = [], scratch: [Double] = []

    /// Call-put pairs within this share of S enter X4 and X5.
    static let nearMoney = 0.05
    /// X4 needs this many forwards at an instant for a median and MAD worth comparing with.
    static let minimumForwards = 5

    init(thresholds: QualityThresholds) { modifiedZ = thresholds.modifiedZ }

    mutating func scan(_ g: ScanGroup) {
        guard let bid = g.bid, let ask = g.ask else { return }
        rootNames = g.rootNames
        let c = g.columns
        for run in g.runs {
            if let chain, !chain.sharesChain(with: run.key) { evaluate() }
            if chain == nil { rules = g.rootRules[Int(run.key.root)] }
            chain = run.key
            let right = run.key.right
            guard right == UInt8(ascii: "C") || right == UInt8(ascii: "P") else { continue }
            for row in run.rows {
                let b = bid.values[row], a = ask.values[row]
                guard b > 0, a > 0 else { continue }
                quotes.append(Quote(strike: c.strike[row], bid: b, ask: a, spot: g.underlyingPrice?.values[row] ?? 0,
                                    msOfDay: c.msOfDay[row], isCall: right == UInt8(ascii: "C")))
                times.append(c.timestamp[row])
            }
        }
    }

    /// Judges the last chain: call once, after the last row group.
    mutating func finish() { evaluate() }

    /// Judges the buffered chain instant by instant, then empties it.
    private mutating func evaluate() {
        defer {
            chain = nil
            quotes.removeAll(keepingCapacity: true)
            times.removeAll(keepingCapacity: true)
        }
        guard chain != nil, !quotes.isEmpty else { return }
        InstantOrder.sort(times, into: &order, scratch: &orderScratch)
        var start = 0
        while start < order.count {
            let time = times[Int(order[start])]
            var end = start + 1
            while end < order.count && times[Int(order[end])] == time { end += 1 }
            judgeInstant(order[start..<end], time: time)
            start = end
        }
    }

    /// Splits one instant's quotes into calls and puts by ascending strike, one quote a strike
    /// (a repeated row is U1's), and runs the rules on them.
    private mutating func judgeInstant(_ members: ArraySlice<Int32>, time: Int64) {
        calls.removeAll(keepingCapacity: true)
        puts.removeAll(keepingCapacity: true)
        for index in members {
            if quotes[Int(index)].isCall { calls.append(index) } else { puts.append(index) }
        }
        Self.ascendingUnique(&calls, quotes)
        Self.ascendingUnique(&puts, quotes)
        monotoneAndBounded(calls, call: true)
        monotoneAndBounded(puts, call: false)
        convex(calls)
        convex(puts)
        parity(time: time)
    }

    /// Sorts `side` by strike (already so in a sorted file) and keeps the first quote of each strike.
    private static func ascendingUnique(_ side: inout [Int32], _ quotes: [Quote]) {
        var sorted = true
        for i in side.indices.dropFirst() where quotes[Int(side[i])].strike < quotes[Int(side[i - 1])].strike {
            sorted = false
            break
        }
        if !sorted { side.sort { quotes[Int($0)].strike < quotes[Int($1)].strike } }
        var kept = 0
        for i in side.indices where kept == 0 || quotes[Int(side[i])].strike != quotes[Int(side[kept - 1])].strike {
            side[kept] = side[i]
            kept += 1
        }
        side.removeLast(side.count - kept)
    }

    /// What names the buffered chain in examples.
    var label: Label { Label(root: chain.map { rootNames[Int($0.root)] } ?? "", expiration: chain?.expiration ?? 0) }

    /// The chain's root and expiration, apart from the checks' state, so that an example key
    /// can be built while a tally is being counted.
    struct Label {
        var root: String
        var expiration: Int32

        func of(_ quote: Quote, _ note: String) -> String {
            ExampleKey.of(root: root, expiration: expiration, strike: quote.strike,
                          right: quote.isCall ? UInt8(ascii: "C") : UInt8(ascii: "P"), msOfDay: quote.msOfDay) + " " + note
        }
    }
}
