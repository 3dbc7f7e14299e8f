#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// X1-X5 on one instant's calls and puts, each side ascending by strike. X1-X3 fail a breach a
/// trade could lock in (at bid and ask, beyond a tick); a breach visible at mid prices only,
/// beyond a tick, is counted apart (`midOnly`), a warning the score weighs at half.
extension ChainChecks {
    /// X1 and X2 over adjacent strikes of one side.
    mutating func monotoneAndBounded(_ side: [Int32], call: Bool) {
        guard side.count >= 2 else { return }
        let label = self.label
        for i in 1..<side.count {
            let low = quotes[Int(side[i - 1])], high = quotes[Int(side[i])]
            let gap = Double(high.strike - low.strike) / 1000
            // The quote that should be cheaper (the higher strike for calls), and the dearer.
            let (cheap, dear) = call ? (high, low) : (low, high)
            let tick = rules.tick(at: max(cheap.bid, dear.ask))
            let inverted = cheap.bid > dear.ask + tick
            x1.count(failed: inverted,
                     key: label.of(cheap, "bid \(cheap.bid) above the ask \(dear.ask) at \(ExampleKey.dollars(dear.strike))"))
            if !inverted && cheap.mid > dear.mid + tick { x1.midOnly += 1 }
            let spread = dear.bid - cheap.ask
            let beyond = spread > gap + rules.tick(at: dear.bid)
            x2.count(failed: beyond,
                     key: label.of(dear, "bid \(dear.bid) − ask \(cheap.ask) at \(ExampleKey.dollars(cheap.strike)) above \(gap)"))
            if !beyond && dear.mid - cheap.mid > gap + rules.tick(at: dear.mid) { x2.midOnly += 1 }
        }
    }

    /// X3 over adjacent triples of one side.
    mutating func convex(_ side: [Int32]) {
        guard side.count >= 3 else { return }
        let label = self.label
        for i in 2..<side.count {
            let wing1 = quotes[Int(side[i - 2])], body = quotes[Int(side[i - 1])], wing3 = quotes[Int(side[i])]
            let lambda = Double(wing3.strike - body.strike) / Double(wing3.strike - wing1.strike)
            let ceiling = lambda * wing1.ask + (1 - lambda) * wing3.ask
            let concave = body.bid > ceiling + rules.tick(at: body.bid)
            x3.count(failed: concave, key: label.of(body, "bid \(body.bid) above the wings' \(ceiling)"))
            if !concave && body.mid > lambda * wing1.mid + (1 - lambda) * wing3.mid + rules.tick(at: body.mid) { x3.midOnly += 1 }
        }
    }

    /// X4 and X5 over the strikes near the money that have both a call and a put.
    mutating func parity(time: Int64) {
        forwards.removeAll(keepingCapacity: true)
        forwardQuotes.removeAll(keepingCapacity: true)
        guard let chain, !calls.isEmpty, !puts.isEmpty else { return }
        let years = clock.years(to: chain.expiration, from: time)
        let label = self.label
        var p = 0
        for index in calls {
            let call = quotes[Int(index)]
            while p < puts.count && quotes[Int(puts[p])].strike < call.strike { p += 1 }
            guard p < puts.count, quotes[Int(puts[p])].strike == call.strike else { continue }
            let put = quotes[Int(puts[p])]
            let s = call.spot, strike = Double(call.strike) / 1000
            guard s > 0, abs(strike / s - 1) <= Self.nearMoney else { continue }
            let callMid = (call.bid + call.ask) / 2, putMid = (put.bid + put.ask) / 2
            forwards.append(strike + callMid - putMid)
            forwardQuotes.append(index)
            let discounted = (s - callMid + putMid) / strike
            if years > 0 && discounted > 0 {
                let rate = -log(discounted) / years
                x5.count(failed: rate < 0, key: label.of(call, "implied rate \(rate)"))
            }
        }
        guard forwards.count >= Self.minimumForwards else { return }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: forwards)
        let median = Robust.median(reordering: &scratch)
        let mad = Robust.mad(forwards, around: median, scratch: &scratch)
        let limit = modifiedZ * Robust.normalScale * max(mad, rules.tick(at: .greatestFiniteMagnitude))
        for (i, forward) in forwards.enumerated() {
            x4.count(failed: abs(forward - median) > limit,
                     key: label.of(quotes[Int(forwardQuotes[i])], "forward \(forward), the chain's \(median)"))
        }
    }
}
