import Foundation
import StateStore
import Testing

/// One session of the soak: a range of dates processed by one `process-range` against a
/// simulator with `faults`.
struct SoakSession: Sendable {
    var name: String
    var dates: [String]
    var faults: String
    /// The typed errors a date may fail with: those of the faults once the client's retries
    /// run out.
    var errors: Set<String>
    /// The faults cannot be retried away: every date must fail.
    var alwaysFails = false
    /// Rows are broken on purpose, so the files hold fewer rows than served, the rest quarantined.
    var breaksRows = false

    /// The client's codes of the errors it retries here (`terminal_rateLimited` is `rateLimited`).
    var retriedCodes: Set<String> { Set(errors.map { String($0.dropFirst("terminal_".count)) }) }
}

/// The soak's market and sessions. Every simulator of the soak, the clean reference
/// included, serves the same market (seed, scale) and has no data for one expiration: that
/// fault shapes what is served (the client records the expiration empty) rather than
/// failing anything, so the files are compared with a reference that lacks it too.
enum Soak {
    static let market = ["--seed", "11", "--scale", "0.02"]
    /// SPXW 2024-03-13, listed on 2024-03-12 and 2024-03-13.
    static let noData = "472:exp=2024-03-13"
    static let maxRetries = 3

    static let sessions = [
        // Refusals, every request exposed (the listings too): an outage on the first request,
        // 429 and 571 at high rates, and 570 above 2000 rows, so every expiration (3900 rows) is split.
        SoakSession(name: "refusals", dates: ["2024-03-11", "2024-03-12", "2024-03-13"],
                    faults: "474:for=300ms;429:p=0.3,retry-after=0;571:p=0.2;570:above=2000;\(noData)",
                    errors: ["terminal_disconnected", "terminal_rateLimited", "terminal_serverStarting"]),
        // Bodies: cut (reset, or shorter than their Content-Length), trickled and with broken
        // rows; split twice (570 above 1000) so there are many bodies to damage.
        SoakSession(name: "bodies", dates: ["2024-03-14", "2024-03-15"],
                    faults: "reset:p=0.25;truncate:p=0.25;trickle:p=0.4,bytes=4096,delay=1ms;malformed:p=0.02;570:above=1000;\(noData)",
                    errors: ["terminal_connectionReset"], breaksRows: true),
        // A request too large even split to one minute (10 rows): fails at once, typed.
        SoakSession(name: "unsplittable", dates: ["2024-03-18"], faults: "570:above=5;\(noData)",
                    errors: ["terminal_requestTooLarge"], alwaysFails: true),
    ]

    /// What `retry --all-failed` runs against: fewer faults, still some.
    static let recovering = SoakSession(name: "retries", dates: [], faults: "429:p=0.2,retry-after=0;reset:p=0.2;\(noData)",
                                        errors: ["terminal_rateLimited", "terminal_connectionReset"])

    /// Error types the ledger keeps beside a date's failed attempts: rows dropped, and tries
    /// the client sent again.
    static let notAttempts: Set = ["malformed_rows", "transient"]

    static var dates: [String] { sessions.flatMap(\.dates) }

    static func simulator(_ faults: String) throws -> SimulatorProcess {
        try SimulatorProcess(["--port", "0"] + market + ["--faults", faults])
    }

    /// The faults a simulator has injected so far, by kind.
    static func injected(_ simulator: SimulatorProcess) async throws -> [String: Int] {
        let answer = try await get(simulator.baseURL() + "/simulator/faults")
        #expect(answer.status == 200)
        return try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Int])
    }

    /// The rows a `malformed_rows` error says were skipped: "N malformed row(s) skipped in …".
    static func quarantined(_ errors: [ErrorRecord]) -> Int64 {
        errors.filter { $0.errorType == "malformed_rows" }
            .compactMap { Int64($0.errorMessage.prefix { $0.isNumber }) }.reduce(0, +)
    }
}

/// The `--faults` kinds, as `/simulator/faults` names them.
enum FaultKinds {
    static let all = ["429", "474", "570", "571", "472", "reset", "truncate", "trickle", "malformed"]
}

/// What the soak measured, for docs/reliability-suite.md.
struct SoakFigures {
    var injected: [String: Int] = [:]
    var sessions = 0
    var retryRuns = 0
    var dateRetries = 0
    var failedAttempts = 0
    var clientRetries = 0
    var longestWaitMs: Int64 = 0
    var extraRequests = 0
    var filesVerified = 0
    var rowsCompared: Int64 = 0
    var rowsQuarantined: Int64 = 0

    mutating func add(_ counts: [String: Int]) { injected.merge(counts, uniquingKeysWith: +) }

    var line: String {
        "fault soak: faults injected " + FaultKinds.all.map { "\($0)=\(injected[$0] ?? 0)" }.joined(separator: " ")
            + "; \(sessions) sessions + \(retryRuns) retry run(s); \(dateRetries) date retries, \(failedAttempts) failed attempts logged"
            + "; \(clientRetries) client retries logged (longest backoff \(longestWaitMs) ms)"
            + "; \(extraRequests) requests over the clean reference; \(filesVerified) files verified"
            + "; \(rowsCompared) rows compared (\(rowsQuarantined) quarantined)"
    }
}
