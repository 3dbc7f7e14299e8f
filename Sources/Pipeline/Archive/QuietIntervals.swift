import Parquet
import Synchronization
import ThetaData

/// Rows of intervals in which nothing happened: the Terminal still sends them, as zeros (a
/// greeks row with bid = ask = 0 carries `iv_error` 100 and a placeholder volatility; an OHLC
/// bar without a trade is all zeros). The archive keeps them exactly as served and counts them,
/// so a researcher, and the quality checks, can tell a quiet chain from a broken one.
///
/// | dataset | a row is quiet when |
/// |---|---|
/// | greeks (every order), quotes | bid = 0 and ask = 0 |
/// | ohlc | volume = 0 |
/// | open_interest, eod | never: one row a day, not an interval |
struct QuietIntervals: Sendable {
    private enum Rule: Sendable {
        /// Staged positions of bid and ask.
        case noQuote(bid: Int, ask: Int)
        /// Staged position of volume.
        case noTrade(volume: Int)
    }

    private let rule: Rule

    /// Nil for datasets without intervals.
    init?(dataset: Dataset, version: APIVersion) {
        guard dataset.endpoint(version).takesInterval else { return nil }
        let names = dataset.columns(in: version).map(\.name)
        func position(_ name: String) -> Int? { names.firstIndex(of: name).map { $0 + NDJSONSchema.firstStagedValue } }
        if let bid = position("bid"), let ask = position("ask") {
            rule = .noQuote(bid: bid, ask: ask)
        } else if let volume = position("volume") {
            rule = .noTrade(volume: volume)
        } else {
            return nil
        }
    }

    /// The quiet rows of one staged batch. Runs on every batch of a day, so it walks the
    /// columns in place rather than building rows.
    func count(in staged: [ColumnBatch]) -> Int {
        switch rule {
        case .noQuote(let bid, let ask):
            guard case .double(let bids) = staged[bid].values, case .double(let asks) = staged[ask].values else { return 0 }
            let bidValid = staged[bid].validity, askValid = staged[ask].validity
            if bidValid == nil && askValid == nil {
                var n = 0
                for i in bids.indices where bids[i] == 0 && asks[i] == 0 { n += 1 }
                return n
            }
            // Nulls: the value arrays hold only the present values, so each keeps its own place.
            var n = 0, b = 0, a = 0
            for row in 0..<staged[bid].rowCount {
                let hasBid = bidValid?[row] ?? true, hasAsk = askValid?[row] ?? true
                if hasBid && hasAsk && bids[b] == 0 && asks[a] == 0 { n += 1 }
                if hasBid { b += 1 }
                if hasAsk { a += 1 }
            }
            return n
        case .noTrade(let volume):
            // A null volume is not a zero: only present zeros count.
            guard case .int64(let values) = staged[volume].values else { return 0 }
            return values.count { $0 == 0 }
        }
    }
}

/// The running count of quiet rows of one day's conversion, which writes on its own thread.
public final class QuietRowCounter: Sendable {
    private let rows = Atomic<Int>(0)

    public init() {}

    func add(_ count: Int) { rows.add(count, ordering: .relaxed) }

    public var count: Int { rows.load(ordering: .relaxed) }
}
