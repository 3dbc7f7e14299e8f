/// Trades added up over a bar, a minute or a whole session, in cents so that bars of any
/// length add up exactly.
struct TradeBar {
    private(set) var openCents = 0, highCents = 0, lowCents = 0, closeCents = 0
    private(set) var volume = 0, count = 0
    /// Σ price × size in cents: the exact numerator of the volume-weighted price.
    private(set) var notionalCents = 0

    var isEmpty: Bool { count == 0 }

    /// One trade of `size` contracts at `priceCents`, after those already added.
    mutating func add(priceCents: Int, size: Int) {
        if isEmpty {
            (openCents, highCents, lowCents) = (priceCents, priceCents, priceCents)
        } else {
            highCents = max(highCents, priceCents)
            lowCents = min(lowCents, priceCents)
        }
        closeCents = priceCents
        volume += size
        count += 1
        notionalCents += priceCents * size
    }

    /// The trades of `later`, which all come after those already added.
    mutating func add(_ later: TradeBar) {
        guard !later.isEmpty else { return }
        if isEmpty { self = later; return }
        highCents = max(highCents, later.highCents)
        lowCents = min(lowCents, later.lowCents)
        closeCents = later.closeCents
        volume += later.volume
        count += later.count
        notionalCents += later.notionalCents
    }

    /// Volume-weighted average price in dollars, to 4 decimals; 0 without a trade.
    var vwap: Double {
        isEmpty ? 0 : ContractPricer.round4(Double(notionalCents) / Double(volume) / 100)
    }

    /// Writes open, high, low, close, volume and count (all 0 without a trade).
    func write(into row: inout OptionRow) {
        row.open = Double(openCents) / 100
        row.high = Double(highCents) / 100
        row.low = Double(lowCents) / 100
        row.close = Double(closeCents) / 100
        row.volume = volume
        row.count = count
    }
}
