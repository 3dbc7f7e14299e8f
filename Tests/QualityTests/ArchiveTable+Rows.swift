import MarketCalendar

/// Finding the rows a test breaks, and breaking them.
extension ArchiveTable {
    /// ms since New York midnight of `HH:MM`.
    static func ms(_ time: String) -> Int64 {
        let parts = time.split(separator: ":").map { Int64($0)! }
        return (parts[0] * 60 + parts[1]) * 60_000
    }

    /// The rows of one contract (or of every strike when `strike` is nil), in file order.
    func rows(_ root: String, _ expiration: CivilDate, strike: Int64? = nil, right: String) -> [Int] {
        let (r, e, k, c) = (index("root"), index("expiration"), index("strike"), index("right"))
        let day = Int64(expiration.daysSince1970)
        return rows.indices.filter { i in
            let row = rows[i]
            return row[r] == .text(root) && row[e] == .integer(day) && row[c] == .text(right)
                && (strike == nil || row[k] == .integer(strike!))
        }
    }

    /// The row of one contract at `time` (`HH:MM`).
    func row(_ root: String, _ expiration: CivilDate, strike: Int64, right: String, at time: String) -> Int {
        let ms = Self.ms(time)
        return rows(root, expiration, strike: strike, right: right).first { self[$0, "ms_of_day"].integer == ms }!
    }

    /// One side of a chain at `time`: its two-sided rows, ascending by strike.
    func chain(_ root: String, _ expiration: CivilDate, right: String, at time: String) -> [Int] {
        let ms = Self.ms(time)
        return rows(root, expiration, right: right).filter { i in
            self[i, "ms_of_day"].integer == ms && double(i, "bid") > 0 && double(i, "ask") > 0
        }
    }

    func double(_ row: Int, _ column: String) -> Double { self[row, column].double! }
    func strikeDollars(_ row: Int) -> Double { Double(self[row, "strike"].integer!) / 1000 }

    mutating func set(_ row: Int, _ column: String, _ value: Double) { self[row, column] = .double(value) }

    /// Moves a quote to `bid`, keeping its spread.
    mutating func moveQuote(_ row: Int, bid: Double) {
        let spread = double(row, "ask") - double(row, "bid")
        set(row, "bid", bid)
        set(row, "ask", Self.cents(bid + spread))
    }

    /// Copies `row` just after itself, `change` applied to the copy.
    mutating func duplicate(_ row: Int, _ change: (inout ArchiveTable, Int) -> Void = { _, _ in }) {
        rows.insert(rows[row], at: row + 1)
        change(&self, row + 1)
    }

    /// A price rounded to whole cents, as the Terminal prints it.
    static func cents(_ price: Double) -> Double { (price * 100).rounded() / 100 }

    /// The lowest price of SPX's grid ($0.05 below $3.00, $0.10 from $3.00) at or above `price`.
    static func spxGridUp(_ price: Double) -> Double {
        let step = price < 3 ? 5.0 : 10.0
        return (price * 100 / step).rounded(.up) * step / 100
    }

    /// The lonely chain's contract of `right`: one strike, no neighbour.
    func lonely(_ right: String) -> [Int] { rows("SPX", SimulatedDay.lonelyExpiration, right: right) }

    /// Years from a row's instant to its expiration's 16:00 New York close.
    func years(_ row: Int) -> Double {
        let expiration = CivilDate(daysSince1970: Int(self[row, "expiration"].integer!))
        let close = ArchiveTable.instant(expiration, msOfDay: 16 * 3_600_000)
        return Double(close - self[row, "timestamp"].integer!) / (365 * 86_400_000)
    }
}
