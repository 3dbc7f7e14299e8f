import Synchronization
import Testing
import TestSupport
@testable import ThetaData

@Suite("Retry policy: decisions by error code")
struct RetryPolicyTests {
    func error(_ status: Int, retryAfter: Duration? = nil) -> ThetaDataError {
        ThetaDataError(code: .init(status: status)!, request: "GET /x", status: status, retryAfter: retryAfter)
    }

    func decision(_ e: ThetaDataError, attempt: Int = 1) -> RetryDecision {
        var random = SeededRandom(seed: 1)
        return RetryPolicy().decision(for: e, attempt: attempt, using: &random)
    }

    @Test("each status of the Terminal's table maps to its code and decision", arguments: [
        (400, "badRequest", "fail"), (403, "permission", "fail"), (500, "serverError", "retry"),
        (404, "notImplemented", "fail"), (410, "gone", "fail"), (429, "rateLimited", "retry"),
        (470, "general", "retry"), (471, "permission", "fail"), (472, "noData", "empty"),
        (473, "invalidParameters", "fail"), (474, "disconnected", "upstream"), (475, "terminalParse", "fail"),
        (476, "wrongIP", "fail"), (477, "pageExpired", "restart"), (478, "invalidSession", "fail"),
        (570, "requestTooLarge", "split"), (571, "serverStarting", "upstream"), (572, "uncaught", "fail"),
        (599, "unexpectedStatus", "fail"),
    ])
    func statusTable(status: Int, code: String, expected: String) {
        let e = error(status)
        #expect(e.code.description == code)
        let kind: String = switch decision(e) {
        case .fail: "fail"
        case .emptyResult: "empty"
        case .retry: "retry"
        case .waitForUpstreamThenRetry: "upstream"
        case .restart: "restart"
        case .split: "split"
        }
        #expect(kind == expected)
        #expect(e.description.contains("HTTP \(status)"))
        #expect(e.description.contains("GET /x"))
        #expect(!e.remediation.isEmpty)
    }

    @Test func transportErrors() {
        let refused = ThetaDataError(code: .connectionRefused, request: "GET /x")
        #expect(decision(refused, attempt: 1) == .retry(after: .seconds(2)))
        #expect(decision(refused, attempt: 3) == .fail)
        #expect(refused.description.contains("Start the Theta Terminal"))
        for code in [ThetaDataError.Code.timeout, .connectionReset] {
            guard case .retry = decision(ThetaDataError(code: code, request: "GET /x")) else {
                Issue.record("\(code) is not retried")
                continue
            }
        }
        #expect(decision(ThetaDataError(code: .malformedBody, request: "GET /x")) == .fail)
        #expect(decision(error(429), attempt: 8) == .fail)
        #expect(decision(error(470), attempt: 2) == .fail)
        #expect(decision(error(477), attempt: 4) == .fail)
    }

    @Test("a 500 is tried three times in all, then fails saying to restart the Terminal")
    func serverErrorsAreRetriedAFewTimes() {
        guard case .retry = decision(error(500), attempt: 1), case .retry = decision(error(500), attempt: 2) else {
            return #expect(Bool(false), "500 is not retried")
        }
        #expect(decision(error(500), attempt: 3) == .fail)
        let e = ThetaDataError(code: .serverError, request: "GET /x", status: 500, bodyMessage: "BadSession: session expired")
        #expect(e.description.contains("BadSession"))
        #expect(e.remediation.contains("restart the Terminal") && e.remediation.contains("Two Terminals"))
    }

    @Test("403 and 471 both mean the subscription does not cover the data, and say so")
    func permissionNamesTheSubscription() {
        for status in [403, 471] {
            let e = error(status)
            #expect(e.code == .permission)
            #expect(e.remediation.contains("subscription") && e.remediation.contains("thetadata.subscription"))
        }
    }

    @Test("a 400 keeps the Terminal's words and is not retried; a 410 names the API version as the fix")
    func requestErrors() {
        let bad = ThetaDataError(code: .init(status: 400)!, request: "GET /x", status: 400,
                                 bodyMessage: "Cannot fetch current-day data without specifying an expiration")
        #expect(bad.description.contains("Cannot fetch current-day data without specifying an expiration"))
        #expect(decision(bad) == .fail)
        let gone = error(410)
        #expect(gone.remediation.contains("thetadata.apiVersion"))
    }

    @Test func v2ErrorTypesMapLikeStatuses() {
        #expect(ThetaDataError.Code(v2ErrorType: "NO_DATA") == .noData)
        #expect(ThetaDataError.Code(v2ErrorType: "DISCONNECTED") == .disconnected)
        #expect(ThetaDataError.Code(v2ErrorType: "null") == nil)
    }

    @Test("backoff: full jitter under an exponential, capped ceiling; Retry-After honoured")
    func backoff() {
        let policy = RetryPolicy()
        var random = SeededRandom(seed: 3)
        for attempt in 1...40 {
            let ceiling = min(Duration.seconds(30), .milliseconds(250) * (1 << min(attempt - 1, 30)))
            for _ in 0..<50 {
                let wait = policy.wait(attempt: attempt, retryAfter: nil, using: &random)
                #expect(wait >= .zero && wait <= ceiling)
            }
        }
        #expect(policy.wait(attempt: 1, retryAfter: .seconds(5), using: &random) == .seconds(5))
        guard case .retry(let d) = decision(error(429, retryAfter: .seconds(7))) else { return #expect(Bool(false)) }
        #expect(d == .seconds(7))
    }

    @Test("the loop retries transient errors on the injected clock, then succeeds")
    func loopRetries() async throws {
        let clock = RecordingClock()
        let calls = Mutex(0)
        let upstreamPolls = Mutex(0)
        let statuses = [429, 474, 571]
        let value = try await withRetries(
            policy: .default, clock: clock, waitForUpstream: { upstreamPolls.withLock { $0 += 1 } }
        ) {
            let n = calls.withLock { $0 += 1; return $0 }
            if n <= statuses.count { throw error(statuses[n - 1], retryAfter: n == 1 ? .seconds(3) : nil) }
            return 42
        }
        #expect(value == 42)
        #expect(calls.withLock { $0 } == 4)
        #expect(upstreamPolls.withLock { $0 } == 2)
        #expect(clock.sleeps.count == 3)
        #expect(clock.sleeps.first == .seconds(3))
    }

    @Test("the loop hands empty, split and fail-fast errors to the caller at once", arguments: [472, 570, 471, 473, 404, 400, 403, 410])
    func loopStops(status: Int) async {
        let clock = RecordingClock()
        let calls = Mutex(0)
        await #expect(throws: ThetaDataError.self) {
            _ = try await withRetries(policy: .default, clock: clock) { () async throws -> Int in
                calls.withLock { $0 += 1 }
                throw error(status)
            }
        }
        #expect(calls.withLock { $0 } == 1)
        #expect(clock.sleeps.isEmpty)
    }

    @Test func timeWindowHalves() throws {
        let (a, b) = try #require(TimeWindow.regularHours.halves())
        #expect(a.startMs == 34_200_000 && b.endMs == 57_600_000)
        #expect(a.endMs + 1 == b.startMs && b.startMs % 60_000 == 0)
        #expect(a.description == "09:30:00.000–12:44:59.999")
        #expect(TimeWindow(startMs: 0, endMs: 59_999).halves() == nil)
        #expect(b.queryItems(.v2)[0].1 == "45900000")
    }
}
