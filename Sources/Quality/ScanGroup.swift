/// One row group as the checks read it: the columns they name, looked up once; each row's
/// root as a number; and the runs of consecutive rows of one contract (rows are sorted by
/// contract, so a contract is one run, continued across row groups).
struct ScanGroup {
    /// Rows `rows` of contract `key`; `isNew` is false when the run continues the previous
    /// group's last contract.
    struct Run {
        var rows: Range<Int>
        var key: ContractKey
        var isNew: Bool
    }

    let columns: RowGroupColumns
    let count: Int
    let rootIDs: [Int32]
    let rootNames: [String]
    let rootRules: [RootRules]
    let runs: [Run]

    // The value columns the checks name; nil when the file has none of that name.
    let bid: NullableColumn<Double>?
    let ask: NullableColumn<Double>?
    let underlyingPrice: NullableColumn<Double>?
    let impliedVol: NullableColumn<Double>?
    let ivError: NullableColumn<Double>?
    let delta: NullableColumn<Double>?
    let theta: NullableColumn<Double>?
    let vega: NullableColumn<Double>?
    let rho: NullableColumn<Double>?
    let epsilon: NullableColumn<Double>?
    let lambda: NullableColumn<Double>?
    let gamma: NullableColumn<Double>?

    /// - Parameter previous: the last contract of the previous row group, which a first run may continue.
    init(_ columns: RowGroupColumns, roots: inout RootTable, previous: ContractKey?) {
        self.columns = columns
        count = columns.count
        rootIDs = roots.ids(of: columns.roots)
        rootNames = roots.names
        rootRules = roots.rules
        bid = columns.double("bid")
        ask = columns.double("ask")
        underlyingPrice = columns.double("underlying_price")
        impliedVol = columns.double("implied_vol")
        ivError = columns.double("iv_error")
        delta = columns.double("delta")
        theta = columns.double("theta")
        vega = columns.double("vega")
        rho = columns.double("rho")
        epsilon = columns.double("epsilon")
        lambda = columns.double("lambda")
        gamma = columns.double("gamma")
        runs = Self.runs(columns, rootIDs, previous: previous)
    }

    @inline(__always)
    func rules(_ row: Int) -> RootRules { rootRules[Int(rootIDs[row])] }

    /// The row's example key, such as `SPXW 2024-03-15 5100 C 10:31`.
    func key(_ row: Int) -> String {
        ExampleKey.of(root: rootNames[Int(rootIDs[row])], expiration: columns.expiration[row], strike: columns.strike[row],
                      right: columns.right[row], msOfDay: columns.msOfDay[row])
    }

    /// A hash of every value column of the row, nulls told from zeros and −0 equal to 0: two
    /// rows with the same key and hash carry the same values (U2).
    func valueHash(_ row: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        @inline(__always) func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0x0000_0100_0000_01B3
            hash ^= hash >> 29
        }
        for column in columns.valueDoubles {
            let value = column.values[row]
            mix(column.isPresent(row) ? 1 : 2)
            mix(value == 0 ? 0 : value.bitPattern)
        }
        for column in columns.valueIntegers {
            mix(column.isPresent(row) ? 1 : 2)
            mix(UInt64(bitPattern: column.values[row]))
        }
        return hash
    }

    private static func runs(_ columns: RowGroupColumns, _ rootIDs: [Int32], previous: ContractKey?) -> [Run] {
        var runs: [Run] = []
        var start = 0
        var current = previous
        for row in 0..<columns.count {
            let key = ContractKey(root: rootIDs[row], expiration: columns.expiration[row], strike: columns.strike[row],
                                  right: columns.right[row])
            guard key != current else { continue }
            if row > start, let current { runs.append(Run(rows: start..<row, key: current, isNew: start > 0 || current != previous)) }
            start = row
            current = key
        }
        if columns.count > start, let current {
            runs.append(Run(rows: start..<columns.count, key: current, isNew: start > 0 || current != previous))
        }
        return runs
    }
}
