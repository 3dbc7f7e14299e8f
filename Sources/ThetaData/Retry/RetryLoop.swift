/// Runs `operation` until it succeeds or `policy` says to stop, sleeping on `clock` between
/// tries (tests pass a clock that does not wait).
///
/// `.retry` and `.waitForUpstreamThenRetry` are handled here (the latter calls
/// `waitForUpstream` first); `.restart` runs the operation again at once. The decisions
/// that change the request (`.emptyResult`, `.split`) and `.fail` rethrow the error for the
/// caller. Cancellation stops the loop: the sleep throws `CancellationError`.
///
/// - Parameter onRetry: told of each error that will be retried, with the decision.
public func withRetries<T: Sendable, C: Clock<Duration>>(
    policy: RetryPolicy,
    clock: C,
    waitForUpstream: () async throws -> Void = {},
    onRetry: (ThetaDataError, RetryDecision) -> Void = { _, _ in },
    operation: () async throws -> T
) async throws -> T {
    var random = SystemRandomNumberGenerator()
    var attempt = 1
    while true {
        do {
            return try await operation()
        } catch let error as ThetaDataError {
            let decision = policy.decision(for: error, attempt: attempt, using: &random)
            switch decision {
            case .fail, .emptyResult, .split:
                throw error
            case .restart:
                onRetry(error, decision)
            case .retry(let delay):
                onRetry(error, decision)
                try await clock.sleep(for: delay)
            case .waitForUpstreamThenRetry(let delay):
                onRetry(error, decision)
                try await waitForUpstream()
                try await clock.sleep(for: delay)
            }
            attempt += 1
        }
    }
}
