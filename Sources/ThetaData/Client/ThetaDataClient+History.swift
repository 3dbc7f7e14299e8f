import AsyncHTTPClient
import NIOCore
import NIOHTTP1

extension ThetaDataClient {
    /// Every row of `dataset` for one expiration of `root` on `date`, all strikes and both
    /// rights, handed to `onEvent` in batches as the body arrives (the handler's pace limits
    /// the download, so memory stays at a batch whatever the expiration's size).
    ///
    /// Retries, waits for a reconnecting Terminal and restarts follow `RetryPolicy`; a 472
    /// ends with an empty summary; a 570 splits `window` in halves and fetches each.
    ///
    /// - Parameters:
    ///   - expiration, date: `YYYYMMDD`; `date` is the New York trading date.
    ///   - intervalMs: bar interval in ms (60 000 = one minute); ignored by datasets without one.
    ///   - window: part of the day, by default the Terminal's (regular hours).
    public func history(
        dataset: Dataset, root: String, expiration: Int32, date: Int32, intervalMs: Int = 60_000,
        window: TimeWindow? = nil, onEvent: (HistoryEvent) async throws -> Void
    ) async throws -> HistorySummary {
        let url = historyURL(dataset, root: root, expiration: expiration, date: date, intervalMs: intervalMs, window: window)
        do {
            return try await fetchRows(url: url, dataset: dataset, onEvent: onEvent)
        } catch let error as ThetaDataError where error.code == .noData {
            return HistorySummary(requests: error.requestsMade, retried: error.retried)
        } catch let error as ThetaDataError where error.code == .requestTooLarge {
            guard let (first, second) = (window ?? .regularHours).halves() else { throw error }
            var summary = try await history(
                dataset: dataset, root: root, expiration: expiration, date: date, intervalMs: intervalMs,
                window: first, onEvent: onEvent)
            // The refused request counts too, and its tries.
            summary.requests += error.requestsMade
            summary.retried = error.retried + summary.retried
            summary.merge(
                try await history(
                    dataset: dataset, root: root, expiration: expiration, date: date, intervalMs: intervalMs,
                    window: second, onEvent: onEvent))
            return summary
        }
    }

    /// The contracts (hence expirations and strikes) that had quotes on `date`.
    public func contracts(on date: Int32, root: String) async throws -> [ContractKey] {
        try await listContracts(on: date, root: root).contracts
    }

    /// The contracts that had quotes on `date`, with the tries the client sent again.
    public func listContracts(on date: Int32, root: String) async throws -> (contracts: [ContractKey], retried: [RetriedTry]) {
        let url = version == .v3
            ? url(Dataset.contracts.v3.path, [("symbol", root), ("date", String(date)), ("format", "csv")])
            : url(Dataset.contracts.v2.path, [("start_date", String(date)), ("root", root)])
        var keys: [ContractKey] = []
        do {
            let summary = try await fetchRows(url: url, dataset: .contracts, format: version == .v3 ? .v3CSV : .v2JSON) { event in
                switch event {
                case .rows(let batch): keys += batch.contracts
                case .restart: keys.removeAll()
                }
            }
            return (keys, summary.retried)
        } catch let error as ThetaDataError where error.code == .noData {
            return ([], error.retried)
        }
    }

    func historyURL(
        _ dataset: Dataset, root: String, expiration: Int32, date: Int32, intervalMs: Int, window: TimeWindow?
    ) -> String {
        let endpoint = dataset.endpoint(version)
        var query: [(String, String)]
        switch version {
        case .v3:
            query = [("symbol", root), ("expiration", String(expiration)), ("strike", "*"), ("right", "both")]
            if endpoint.takesInterval {
                query += [("date", String(date)), ("interval", Self.v3Interval(ms: intervalMs))]
            } else {
                query += [("start_date", String(date)), ("end_date", String(date))]
            }
            query.append(("format", configuration.bodyFormat == .v3NDJSON ? "ndjson" : "csv"))
        case .v2:
            query = [("root", root), ("exp", String(expiration)), ("start_date", String(date)), ("end_date", String(date))]
            if endpoint.takesInterval { query.append(("ivl", String(intervalMs))) }
            query.append(("use_csv", configuration.bodyFormat == .v2CSV ? "true" : "false"))
        }
        if let window { query += window.queryItems(version) }
        return url(endpoint.path, query)
    }

    /// v3's interval names: `1m`, `5m`, `1h`, `1s`, `100ms`.
    static func v3Interval(ms: Int) -> String {
        if ms % 3_600_000 == 0 { return "\(ms / 3_600_000)h" }
        if ms % 60_000 == 0 { return "\(ms / 60_000)m" }
        if ms % 1000 == 0 { return "\(ms / 1000)s" }
        return "\(ms)ms"
    }

    /// One request, every page, with retries; rows to `onEvent`.
    func fetchRows(
        url: String, dataset: Dataset, format: BodyFormat? = nil, onEvent: (HistoryEvent) async throws -> Void
    ) async throws -> HistorySummary {
        let format = format ?? configuration.bodyFormat
        var summary = HistorySummary()
        var handedOn = false
        var lastError: ThetaDataError?
        do {
            return try await fetchWithRetries()
        } catch var error as ThetaDataError {
            error.requestsMade = summary.requests
            error.retried = summary.retried
            throw error
        }

        func fetchWithRetries() async throws -> HistorySummary {
            try await withRetries(
                policy: configuration.retryPolicy, clock: ContinuousClock(),
                waitForUpstream: { try await waitUntilConnected() },
                onRetry: { error, decision in
                    lastError = error
                    summary.retried.append(RetriedTry(error, decision))
                }
            ) {
                if handedOn, let lastError {
                    // The rows already handed on are being fetched again.
                    try await onEvent(.restart(lastError))
                    handedOn = false
                    summary = HistorySummary(requests: summary.requests, retried: summary.retried)
                }
                summary.requests += 1
                // One permit for all pages: the Terminal drops pages not fetched promptly.
                try await limiter.withPermit {
                    var next: String? = url
                    var pageReport = DecodeReport()
                    while let page = next {
                        next = try await get(page) { response in
                            var decoder = BodyDecoder(dataset: dataset, format: format)
                            for try await chunk in response.body {
                                try decoder.feed(chunk)
                                for batch in decoder.takeBatches() {
                                    handedOn = true
                                    try await onEvent(.rows(batch))
                                }
                            }
                            try decoder.finish()
                            for batch in decoder.takeBatches() {
                                handedOn = true
                                try await onEvent(.rows(batch))
                            }
                            try Self.checkInBodyError(decoder.v2Header, request: "GET \(page)")
                            pageReport.merge(decoder.report)
                            return decoder.v2Header?.nextPage ?? Self.nextPageHeader(response.headers)
                        }
                        summary.pages += 1
                    }
                    summary.report = pageReport
                    summary.rows = pageReport.rows
                }
                return summary
            }
        }
    }

    /// Older v2 Terminals answer 200 with the error in the header.
    static func checkInBodyError(_ header: V2Header?, request: String) throws {
        guard let header, let type = header.errorType, let code = ThetaDataError.Code(v2ErrorType: type) else { return }
        throw ThetaDataError(code: code, request: request, status: 200, bodyMessage: header.errorMessage ?? type)
    }

    /// The `Next-Page` header of a CSV page; `"null"` or empty means the last page.
    static func nextPageHeader(_ headers: HTTPHeaders) -> String? {
        guard let value = headers.first(name: "Next-Page")?.trimmingSpaces, !value.isEmpty, value != "null" else {
            return nil
        }
        return value
    }
}
