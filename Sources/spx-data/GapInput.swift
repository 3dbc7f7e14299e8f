import Foundation
import GapAnalysis
import MarketCalendar
import StateStore

/// The one place where the ledger meets the gap engine: ledger days become the engine's
/// records, and successful days become the size model that estimates the missing ones.
enum GapInput {
    /// The gap engine's records for one symbol and dataset.
    static func records(store: StateStore, symbol: String, dataset: String) throws -> [GapAnalysis.ProcessingRecord] {
        try ledger { try store.ledgerDays(symbol: symbol, dataset: dataset) }.compactMap { day in
            guard let date = CivilDate(day.date), let status = ProcessingStatus(ledgerValue: day.status.rawValue) else { return nil }
            // A queued date has not been tried yet; any other status means one attempt plus its retries.
            let attempts = day.retryCount + (day.status == .queued ? 0 : 1)
            let progress = day.expirationsTotal > 0
                ? GapAnalysis.ExpirationProgress(done: day.expirationsDone, total: day.expirationsTotal) : nil
            return GapAnalysis.ProcessingRecord(date: date, status: status, attempts: attempts, lastError: day.errorMessage,
                                                errorType: day.errorType, progress: progress, grade: day.grade)
        }
    }

    /// The first date of a gap search: `--start-date` when given, else processing.startDate;
    /// exits 64 naming the fix when there is neither or it is not a date.
    static func startDate(_ flag: String?, config: ResolvedConfiguration, today: CivilDate) throws -> CivilDate {
        guard let text = flag ?? config.startDate else {
            printError("error: no start date: give --start-date 2024-01-02, or set one with "
                       + "spx-data config set processing.startDate 2024-01-02")
            throw ExitCodes.badInput
        }
        do { return try DateExpression(parsing: text).resolved(today: today) } catch {
            printError("error: \(flag == nil ? "processing.startDate" : "--start-date"): \(error.message)")
            throw ExitCodes.badInput
        }
    }

    /// What a missing date costs: the averages of the successful ones when there are some,
    /// else a day of SPX greeks at one-minute bars (about 40 expirations of 25,000 rows, one
    /// request each, 20 bytes a row in the Parquet file).
    static func sizeModel(store: StateStore, symbol: String, dataset: String, concurrency: Int) throws -> (DaySizeModel, String) {
        let fallback = DaySizeModel(expirationsPerDay: 40, requestsPerExpiration: 1, rowsPerExpiration: 25_000, bytesPerRow: 20,
                                    concurrency: concurrency)
        guard let averages = try ledger({ try store.successAverages(symbol: symbol, dataset: dataset) }),
              let expirations = averages.expirations, expirations > 0, let rows = averages.rows else {
            return (fallback, "a typical SPX day (no successful day recorded yet)")
        }
        let model = DaySizeModel(
            expirationsPerDay: expirations, requestsPerExpiration: (averages.requests ?? expirations) / expirations,
            rowsPerExpiration: rows / expirations, bytesPerRow: rows > 0 ? (averages.bytes ?? 0) / rows : 0,
            secondsPerRequest: averages.durationMs.flatMap { ms in averages.requests.map { ms / 1000 / max($0, 1) * Double(concurrency) } },
            concurrency: concurrency)
        return (model, "the average of \(averages.days) successful day(s)")
    }
}

/// The gap count `status` shows: missing sessions from `processing.startDate` to the last one
/// ThetaData has published, and today when it is still pending at the vendor.
struct GapCount: Encodable {
    /// Nil when it cannot be computed (no start date).
    var count: Int?
    var detail: String
    /// Sessions up to today the vendor has not published yet: not gaps.
    var pendingAtVendor: [String] = []

    static func current(store: StateStore, config: ResolvedConfiguration) throws -> GapCount {
        guard let start = config.startDate.flatMap(CivilDate.init) else {
            return GapCount(count: nil, detail: "processing.startDate is not set: spx-data config set processing.startDate 2020-01-02")
        }
        let now = NewYorkClock.now()
        let today = NewYorkTime.date(at: now)
        guard start <= today else { return GapCount(count: 0, detail: "processing.startDate \(start) is in the future") }
        let limits = GapLimits(config)
        let analyzer = GapAnalyzer(configuration: limits.configuration())
        var total = 0
        var pending = Set<String>()
        for symbol in config.symbols {
            let records = try GapInput.records(store: store, symbol: symbol, dataset: config.dataset)
            let report = analyzer.analyze(start...today, records: records, today: today, now: now)
            total += report.gaps.count
            pending.formUnion(report.pending.map(\.description))
        }
        let from = max(start, limits.historyStart ?? start)
        return GapCount(count: total, detail: "missing sessions from \(from) to \(today) (\(config.symbols.joined(separator: ", ")), \(config.dataset))"
                            + (from > start ? "; before \(from) not in the subscription (\(limits.historyStartSetBy))" : ""),
                        pendingAtVendor: pending.sorted())
    }
}
