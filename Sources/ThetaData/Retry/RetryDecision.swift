/// What to do after a failed request.
public enum RetryDecision: Sendable, Equatable {
    /// Give up: the error reaches the caller.
    case fail
    /// Not an error: the request has no data (472); the caller records an empty result.
    case emptyResult
    /// Send the same request again after the delay.
    case retry(after: Duration)
    /// Wait until the Terminal reports its upstream CONNECTED, then retry after the delay.
    case waitForUpstreamThenRetry(after: Duration)
    /// Re-issue the whole request from its first page (an expired v2 page).
    case restart
    /// Ask for less: split the request (a smaller time window) and send the parts.
    case split
}
