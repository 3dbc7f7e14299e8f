import Foundation
import StateStore
import ThetaData

/// The client's own retries of one request (an expiration's history or a root's contract
/// list), as the ledger keeps them: a `transient` error whose `retry_attempt` is the number of
/// tries sent again and whose `context_data` lists each with its status and the backoff slept
/// before the next. Resolved at once when the request then succeeded; otherwise open until
/// its date succeeds.
struct ClientRetries {
    struct Try: Decodable, Equatable {
        var code: String
        var status: Int?
        var waitMs: Int64
    }

    /// How the row of a request that then succeeded is resolved.
    static let resolutions = ["retried by the client; the expiration was staged", "retried by the client; the list arrived"]

    let tries: [Try]

    /// Nil unless `error` is a `transient` row whose context parses.
    init?(_ error: ErrorRecord) {
        struct Context: Decodable { var retries: [Try] }
        guard error.errorType == "transient", let text = error.contextData else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let context = try? decoder.decode(Context.self, from: Data(text.utf8)) else { return nil }
        tries = context.retries
    }

    /// The status each retried code comes back with (none for a cut connection).
    static let statuses: [String: Int?] = ["rateLimited": 429, "serverStarting": 571, "disconnected": 474, "connectionReset": nil]

    /// The longest backoff the client's policy allows before the try after `index` (0-based,
    /// in the order recorded): attempt n waits at most min(cap, base × 2^(n-1)), and the
    /// tries of a request split in time windows are listed window after window, so the entry
    /// at `index` follows attempt `index + 1` of its window at most. No Retry-After is longer
    /// in the soak (429s carry 0).
    static func longestWaitMs(after index: Int, policy: ThetaData.RetryPolicy = .default) -> Int64 {
        let cap = policy.maxDelay.components.seconds * 1000
        let base = policy.baseDelay.components.seconds * 1000 + policy.baseDelay.components.attoseconds / 1_000_000_000_000_000
        return min(cap, base << min(index, 30))
    }
}
