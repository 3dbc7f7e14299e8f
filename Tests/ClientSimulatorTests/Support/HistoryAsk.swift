import MarketCalendar
import TerminalSimulator
import ThetaData

/// One history request in both vocabularies: the client's call and the simulator's
/// `ChainRequest`, so a test states it once and gets both the call and the rows it must return.
struct HistoryAsk: Sendable {
    var dataset: ThetaData.Dataset = .greeks
    var root = "SPXW"
    var expiration = friday
    var date = friday
    var intervalMs = 60_000

    var chainRequest: ChainRequest {
        ChainRequest(root: root, dataset: ServedRows.simulated(dataset), expiration: expiration, startDate: date,
                     intervalMs: intervalMs)
    }

    /// The rows the simulator serves for this request, normalised as the client normalises
    /// them from `version`'s bodies (each API sends its own columns).
    func served(by market: SimulatedMarket, in version: APIVersion) -> [ThetaData.OptionRow] {
        market.rows(for: chainRequest).map { ServedRows.clientRow($0, as: dataset, from: version) }
    }
}

/// What one `history` call handed on: the rows kept (those before a restart are dropped, as
/// the event asks), the restarts with their causes, and the summary.
struct Collected: Sendable {
    var rows: [ThetaData.OptionRow] = []
    var restarts: [ThetaDataError] = []
    var summary = HistorySummary()
}

extension ThetaDataClient {
    /// Runs `ask`, collecting its events; `onRows` is told the index of each batch (counted
    /// across restarts) before it is kept, so a test can stall on one (a slow consumer).
    func collect(_ ask: HistoryAsk, onRows: (Int) async throws -> Void = { _ in }) async throws -> Collected {
        var collected = Collected()
        var batches = 0
        collected.summary = try await history(
            dataset: ask.dataset, root: ask.root, expiration: ServedRows.yyyymmdd(ask.expiration),
            date: ServedRows.yyyymmdd(ask.date), intervalMs: ask.intervalMs
        ) { event in
            switch event {
            case .rows(let batch):
                try await onRows(batches)
                batches += 1
                collected.rows += batch
            case .restart(let cause):
                collected.rows.removeAll()
                collected.restarts.append(cause)
            }
        }
        return collected
    }
}

/// 2024-03-15: a Friday session on which SPXW, SPX's monthly and a quarterly expire.
let friday = CivilDate(year: 2024, month: 3, day: 15)!
/// 2024-03-29: Good Friday, no session.
let goodFriday = CivilDate(year: 2024, month: 3, day: 29)!
