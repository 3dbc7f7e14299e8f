/// The retry decision for each error code, from DESIGN.md's table; pure, so tests can
/// tabulate it.
///
/// Backoff is exponential with full jitter and a cap: attempt n waits a uniformly random
/// time in [0, min(cap, base × 2^(n-1))]. With the defaults (base 250 ms, cap 30 s):
///
/// | attempt | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8+ |
/// |---|---|---|---|---|---|---|---|---|
/// | max wait | 0.25 s | 0.5 s | 1 s | 2 s | 4 s | 8 s | 16 s | 30 s |
///
/// A `Retry-After` from the Terminal replaces the jittered wait when longer.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included, for transient errors.
    public var maxAttempts = 8
    public var baseDelay = Duration.milliseconds(250)
    public var maxDelay = Duration.seconds(30)
    /// A Terminal that is not running gets a few slow tries, then the "start it" message.
    public var connectionRefusedAttempts = 3
    public var connectionRefusedDelay = Duration.seconds(2)
    /// Times the whole request is re-issued after an expired page.
    public var maxRestarts = 3
    /// Attempts in all for a Terminal's 500 (often `BadSession`): a passing fault clears in a
    /// try or two; one that persists needs the Terminal restarted, which waiting cannot do.
    public var serverErrorAttempts = 3

    public init() {}

    public static let `default` = RetryPolicy()

    /// The decision after `attempt` (1 = the first try) failed with `error`.
    public func decision(
        for error: ThetaDataError, attempt: Int, using random: inout some RandomNumberGenerator
    ) -> RetryDecision {
        switch error.code.kind {
        case .noData:
            return .emptyResult
        case .requestTooLarge:
            return .split
        case .pageExpired:
            return attempt <= maxRestarts ? .restart : .fail
        case .rateLimited, .connectionReset, .timeout:
            guard attempt < maxAttempts else { return .fail }
            return .retry(after: wait(attempt: attempt, retryAfter: error.retryAfter, using: &random))
        case .disconnected, .serverStarting:
            guard attempt < maxAttempts else { return .fail }
            return .waitForUpstreamThenRetry(after: wait(attempt: attempt, retryAfter: error.retryAfter, using: &random))
        case .connectionRefused:
            return attempt < connectionRefusedAttempts ? .retry(after: connectionRefusedDelay) : .fail
        case .general:
            // "fail (maybe 1 retry)": one more try, for a Terminal hiccup.
            return attempt < 2 ? .retry(after: wait(attempt: attempt, retryAfter: nil, using: &random)) : .fail
        case .serverError:
            guard attempt < serverErrorAttempts else { return .fail }
            return .retry(after: wait(attempt: attempt, retryAfter: error.retryAfter, using: &random))
        case .notImplemented, .gone, .permission, .invalidParameters, .terminalParse, .wrongIP, .invalidSession,
            .uncaught, .unexpectedStatus, .malformedBody, .badRequest:
            return .fail
        }
    }

    /// The jittered, capped backoff of `attempt`, or the Terminal's `Retry-After` if longer.
    public func wait(attempt: Int, retryAfter: Duration?, using random: inout some RandomNumberGenerator) -> Duration {
        // Cap the exponent before shifting so a large attempt count cannot overflow.
        let ceiling = min(maxDelay, baseDelay * (1 << min(max(attempt - 1, 0), 30)))
        let ceilingNanos = max(ceiling.nanoseconds, 0)
        let jittered = Duration.nanoseconds(Int64.random(in: 0...ceilingNanos, using: &random))
        guard let retryAfter else { return jittered }
        return max(jittered, retryAfter)
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
