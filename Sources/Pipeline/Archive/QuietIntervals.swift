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
        // The staged columns: six contract and time columns, then the values in order.
        let names = dataset.columns(in: version).map(\.name)
        func position(_ name: String) -> Int? { names.firstIndex(of: name).map { $0 + 6 } }
        if let bid = position("bid"), let ask = position("ask") {
            rule = .noQuote(bid: bid, ask: ask)
        } else if let volume = position("volume") {
            rule = .noTrade(volume: volume)
        } else {
            return nil
        }
    }

    /// The quiet rows of one staged batch.
    func count(in staged: [ColumnBatch]) -> Int {
        switch rule {
        case .noQuote(let bid, let ask):
            let bids = Self.rowValues(staged[bid]), asks = Self.rowValues(staged[ask])
            return zip(bids, asks).count { $0 == 0 && $1 == 0 }
        case .noTrade(let volume):
            guard case .int64(let values) = staged[volume].values else { return 0 }
            return Self.each(values, staged[volume].validity).count { $0 == 0 }
        }
    }

    /// A double column row by row, nil where null.
    private static func rowValues(_ batch: ColumnBatch) -> [Double?] {
        guard case .double(let values) = batch.values else { return [] }
        return each(values, batch.validity)
    }

    private static func each<T>(_ values: [T], _ validity: [Bool]?) -> [T?] {
        guard let validity else { return values.map { $0 } }
        var next = 0
        return validity.map { present in
            guard present else { return nil }
            defer { next += 1 }
            return values[next]
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
