import MarketCalendar
import StateStore
import ThetaData

extension DayProcessor {
    /// Keeps the tries the client sent again (429, 571, a reset, …) of one request in the
    /// ledger, with each status and backoff, so the retry policy can be checked after the
    /// fact (`spx-data errors --type transient`). With a `resolution` the request then
    /// succeeded; without, it failed for good, and the row stays open until the date succeeds.
    func recordRetried(_ job: DayJob, of subject: String, _ retried: [RetriedTry], resolution: String?) throws {
        guard !retried.isEmpty else { return }
        func milliseconds(_ d: Duration) -> Int64 { d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000 }
        let listed = retried.prefix(10).map { "\($0.code) (\($0.status.map { "HTTP \($0)" } ?? "no response")) then \(milliseconds($0.wait)) ms" }
        let entries = retried.map { "{\"code\":\"\($0.code)\",\"status\":\($0.status.map(String.init) ?? "null"),\"wait_ms\":\(milliseconds($0.wait))}" }
        let ending = resolution == nil ? ", then it failed" : ""
        try store.record(errors: [ErrorRecord(
            symbol: job.symbol, dataset: job.dataset.name, date: job.date.description, errorType: "transient",
            errorMessage: "\(retried.count) failed tr\(retried.count == 1 ? "y" : "ies") of \(subject) sent again\(ending): "
                + listed.joined(separator: "; ") + (retried.count > 10 ? "; …" : ""),
            retryAttempt: retried.count, contextData: "{\"retries\":[\(entries.joined(separator: ","))]}",
            resolvedAt: resolution.map { _ in Timestamps.now() }, resolutionMethod: resolution)])
    }
}
