/// The checks of whole columns:
///
/// - S4 (columns: those of `zeroFaultColumns` the file has; evaluated only when some row is
///   quoted, bid > 0 or ask > 0): a column with no non-zero value all day while quotes are
///   there, what a decoder that lost the column writes. A column of nulls fails too.
/// - C4 (cells: rows × the dataset's required value columns the file has): a null where the
///   Terminal always sends a value (`ArchiveColumns.valueColumns`).
struct ColumnChecks {
    private(set) var c4 = CheckTally()
    /// Each S4 column the file has, with whether a non-zero value was seen.
    private var nonZero: [(name: String, seen: Bool)] = []
    private var quoted = false
    private let required: [String]

    /// The greeks, implied volatility and underlying price: never all zero on a quoted day.
    static let zeroFaultColumns = [
        "delta", "theta", "vega", "rho", "epsilon", "lambda", "gamma", "vanna", "charm", "vomma", "veta",
        "speed", "zomma", "color", "ultima", "implied_vol", "underlying_price",
    ]

    init(layout: ArchiveColumns) {
        nonZero = Self.zeroFaultColumns.filter { layout.index[$0] != nil }.map { ($0, false) }
        required = ArchiveColumns.valueColumns(layout.dataset).map(\.name).filter { layout.index[$0] != nil }
    }

    mutating func scan(_ g: ScanGroup) {
        if !quoted, let bid = g.bid, let ask = g.ask {
            quoted = zip(bid.values, ask.values).contains { $0 > 0 || $1 > 0 }
        }
        for i in nonZero.indices where !nonZero[i].seen {
            guard let column = g.columns.double(nonZero[i].name) else { continue }
            // Nulls hold 0, so only a present non-zero value counts.
            nonZero[i].seen = column.values.indices.contains { column.values[$0] != 0 && column.isPresent($0) }
        }
        for name in required {
            let column: (validity: [Bool]?, nulls: Int)? = g.columns.double(name).map { ($0.validity, $0.nullCount) }
                ?? g.columns.integer(name).map { ($0.validity, $0.nullCount) }
            guard let column else { continue }
            c4.evaluated += Int64(g.count)
            guard let validity = column.validity, column.nulls > 0 else { continue }
            for row in 0..<g.count where !validity[row] { c4.fail(key: g.key(row) + " " + name + " null") }
        }
    }

    /// S4's tally.
    var s4: CheckTally {
        guard quoted else { return CheckTally() }
        var tally = CheckTally()
        for column in nonZero { tally.count(failed: !column.seen, key: column.name + " is 0 or null on every row of a quoted day") }
        return tally
    }
}
