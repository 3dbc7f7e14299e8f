import ArchiveFormat
import MarketCalendar
import Parquet
import TerminalSimulator

/// Clean days straight from the simulator's chains (`SimulatedMarket.rows(for:)`), in the
/// archive's layout of API v3. A day keeps a few chains and every fifth strike of each, the
/// far wings included, so it is small enough to write per test and still has short-dated and
/// far-from-the-money contracts, and chains of 40 or more strikes.
enum SimulatedDay {
    /// A Tuesday, neither an expiration of the monthly SPX nor near a clock change.
    static let date = CivilDate(year: 2024, month: 3, day: 12)!
    /// A session that closes at 13:00.
    static let earlyClose = CivilDate(year: 2024, month: 11, day: 29)!
    static let market = SimulatedMarket(seed: 11)
    static let intervalMs = 300_000

    /// One chain of a day: its root and expiration, and which of its strikes to keep.
    struct Chain {
        var root: String
        var expiration: CivilDate
        /// Every `stride`-th strike counted from the one nearest the open's level; nil keeps only that one.
        var stride: Int?
    }

    /// The 0DTE, next-day and month-out SPXW chains, the April SPX monthly, and a June SPX
    /// chain of one strike: a contract with no neighbour, whose quotes can move without
    /// breaking a chain's arbitrage bounds.
    static func chains(on date: CivilDate) -> [Chain] {
        let spxw = market.expirations(root: "SPXW", aliveOn: date)
        let spx = market.expirations(root: "SPX", aliveOn: date)
        let monthOut = spxw.first { $0.daysSince1970 - date.daysSince1970 >= 28 }!
        func spxOut(_ days: Int) -> CivilDate { spx.first { $0.daysSince1970 - date.daysSince1970 >= days }! }
        return [
            Chain(root: "SPX", expiration: spxOut(20), stride: 5),
            Chain(root: "SPX", expiration: spxOut(80), stride: nil),
            Chain(root: "SPXW", expiration: spxw[0], stride: 5),
            Chain(root: "SPXW", expiration: spxw[1], stride: 5),
            Chain(root: "SPXW", expiration: monthOut, stride: 5),
        ]
    }

    /// The lonely chain of `chains(on:)`.
    static var lonelyExpiration: CivilDate { chains(on: date)[1].expiration }

    static let greeks = table(.greeks, on: date)
    static let quotes = table(.quote, on: date)
    static let ohlc = table(.ohlc, on: date)

    /// The day's rows of `dataset` for `chains(on:)`.
    static func table(_ dataset: Dataset, on date: CivilDate) -> ArchiveTable {
        var table = ArchiveTable(columns: ArchiveTable.keyColumns + valueColumns(dataset), rows: [], footer: footer(dataset, date))
        for chain in chains(on: date) {
            let kept = Set(strikes(chain, on: date))
            let request = ChainRequest(root: chain.root, dataset: dataset, expiration: chain.expiration, startDate: date,
                                       intervalMs: intervalMs)
            for row in market.rows(for: request) where kept.contains(row.contract.strike) {
                table.rows.append(cells(row, dataset))
            }
        }
        return table
    }

    /// The strikes kept, as K/S at the open: further out, the simulator's smile (volatility
    /// 0.9·k² − 0.25·k above the day's) is so steep that a put at K/S 0.4 costs more than one
    /// at 0.5, a static arbitrage X1 rightly flags; a clean day must not have one.
    static let moneyness = 0.65...1.6

    static func strikes(_ chain: Chain, on date: CivilDate) -> [Int] {
        let all = market.strikes(root: chain.root, expiration: chain.expiration, on: date)
        let open = market.rows(for: ChainRequest(root: chain.root, expiration: chain.expiration, startDate: date,
                                                 intervalMs: intervalMs, strike: all[all.count / 2], right: .call))[0].underlyingPrice
        let atm = all.indices.min { abs(Double(all[$0]) / 1000 - open) < abs(Double(all[$1]) / 1000 - open) }!
        guard let stride = chain.stride else { return [all[atm]] }
        return all.indices.filter { ($0 - atm) % stride == 0 && moneyness.contains(Double(all[$0]) / 1000 / open) }.map { all[$0] }
    }

    private static func valueColumns(_ dataset: Dataset) -> [ColumnDescriptor] {
        switch dataset {
        case .greeks:
            ArchiveTable.doubles("bid", "ask", "delta", "theta", "vega", "rho", "epsilon", "lambda", "implied_vol", "iv_error")
                + ArchiveTable.instants("underlying_timestamp") + ArchiveTable.doubles("underlying_price")
        case .quote:
            ArchiveTable.integers("bid_size", "bid_exchange") + ArchiveTable.doubles("bid") + ArchiveTable.integers("bid_condition", "ask_size", "ask_exchange")
                + ArchiveTable.doubles("ask") + ArchiveTable.integers("ask_condition")
        case .ohlc:
            ArchiveTable.doubles("open", "high", "low", "close") + ArchiveTable.integers("volume", "count") + ArchiveTable.doubles("vwap")
        default: preconditionFailure("no test day of \(dataset)")
        }
    }

    private static func footer(_ dataset: Dataset, _ date: CivilDate) -> [KeyValue] {
        let name = dataset == .quote ? "quotes" : dataset.rawValue
        return [
            KeyValue(ArchiveFooter.Key.version, ParquetWriterOptions.defaultCreatedBy),
            KeyValue(ArchiveFooter.Key.schemaVersion, String(ArchiveSchemaVersion.current)),
            KeyValue(ArchiveFooter.Key.source, "v3 http://127.0.0.1:25503"),
            KeyValue(ArchiveFooter.Key.dataset, name),
            KeyValue(ArchiveFooter.Key.symbol, "SPX"),
            KeyValue(ArchiveFooter.Key.date, date.description),
            KeyValue(ArchiveFooter.Key.intervalMs, String(intervalMs)),
        ]
    }

    private static func cells(_ row: OptionRow, _ dataset: Dataset) -> [ArchiveTable.Cell] {
        let c = row.contract
        var cells: [ArchiveTable.Cell] = [
            .text(c.root), .integer(Int64(c.expiration.daysSince1970)), .integer(Int64(c.strike)), .text(c.right.rawValue),
            .integer(ArchiveTable.instant(row.date, msOfDay: row.msOfDay)), .integer(Int64(row.date.daysSince1970)),
            .integer(Int64(row.msOfDay)),
        ]
        switch dataset {
        case .greeks:
            cells += [row.bid, row.ask, row.delta, row.theta, row.vega, row.rho, row.epsilon, row.lambda, row.impliedVol,
                      row.ivError].map { .double($0) }
            cells += [.integer(ArchiveTable.instant(row.underlyingDate, msOfDay: row.underlyingMsOfDay)), .double(row.underlyingPrice)]
        case .quote:
            cells += [.integer(Int64(row.bidSize)), .integer(Int64(row.bidExchange)), .double(row.bid), .integer(Int64(row.bidCondition)),
                      .integer(Int64(row.askSize)), .integer(Int64(row.askExchange)), .double(row.ask), .integer(Int64(row.askCondition))]
        default:
            cells += [row.open, row.high, row.low, row.close].map { .double($0) }
            cells += [.integer(Int64(row.volume)), .integer(Int64(row.count)), .double(row.vwap)]
        }
        return cells
    }
}
