import StateStore

/// The one place where ledger records become the gap engine's input: for each configured
/// symbol, the status of every recorded date of the configured dataset. `success` dates are
/// complete; `failed`, `queued` and `processing` ones count as gaps of their own kind
/// (failed processing, partial) and dates without a record as never attempted.
enum GapInput {
    static func recordedStatuses(store: StateStore, config: ResolvedConfiguration)
        throws -> [(symbol: String, statuses: [String: ProcessingRecord.Status])] {
        try config.symbols.map { symbol in
            (symbol, try ledger { try store.statusesByDate(symbol: symbol, dataset: config.dataset) })
        }
    }
}

/// The gap count `status` shows.
struct GapCount: Encodable {
    /// Nil when it cannot be computed (no start date, or no market calendar in this build).
    var count: Int?
    var detail: String

    static func current(store: StateStore, config: ResolvedConfiguration) throws -> GapCount {
        guard config.startDate != nil else {
            return GapCount(count: nil, detail: "processing.startDate is not set: spx-data config set processing.startDate 2020-01-02")
        }
        let recorded = try GapInput.recordedStatuses(store: store, config: config)
        let unfinished = recorded.reduce(0) { $0 + $1.statuses.values.filter { $0 != .success }.count }
        return GapCount(count: nil, detail: "\(unfinished) recorded date(s) not successful; "
                        + "missing trading days need the market calendar, not in this build")
    }
}
