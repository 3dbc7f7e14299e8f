import Foundation
import StateStore
import Testing

/// Dates that failed against a Terminal refusing every request as too large, even split to
/// one minute (570 above 5 rows): a typed `terminal_requestTooLarge` failure, fast and
/// certain. Retries then go to a healthy simulator with the same ledger and directories.
struct FailedDates {
    static let error = "terminal_requestTooLarge"

    let refusing: SimulatorProcess
    let healthy: SimulatorProcess
    let archive: ArchiveDirectory

    init() throws {
        refusing = try SimulatorProcess(["--port", "0", "--scale", "0.01", "--faults", "570:above=5"])
        healthy = try SimulatorProcess(["--port", "0", "--scale", "0.01"])
        archive = try ArchiveDirectory(refusing)
    }

    func stop() {
        _ = refusing.stop()
        _ = healthy.stop()
    }

    var retrySettings: [String] { archive.settings(baseURL: healthy.baseURL()) }

    /// Fails `dates` one at a time in the given order, each in a later second than the one
    /// before (the ledger's times have second precision), so "most recent" is well defined.
    func fail(_ dates: [String]) throws {
        for date in dates {
            let previous = try archive.store().processingRecords().map(\.updatedAt).max()
            if let previous {
                let later = eventually(within: 5) { Timestamps.now() > previous }
                #expect(later, "the clock should pass \(previous)")
            }
            let result = try CLI.run(["process", date] + archive.settings)
            #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
            let record = try #require(try archive.record(date))
            #expect(record.status == .failed && record.errorType == Self.error && record.retryCount == 0)
        }
    }

    /// Retried once and archived: attempt 2 succeeded and the first attempt's error is resolved by it.
    func expectRetriedOnce(_ date: String) throws {
        let record = try #require(try archive.record(date))
        #expect(record.status == .success && record.retryCount == 1, "\(date): \(record)")
        #expect(FileManager.default.fileExists(atPath: archive.file(date)))
        let errors = try archive.store().errors(ErrorFilter(date: date))
        #expect(errors.map(\.errorType) == [Self.error] && errors.map(\.retryAttempt) == [0], "\(date): \(errors)")
        #expect(errors.allSatisfy { $0.resolvedAt != nil && $0.resolutionMethod == "retry succeeded on attempt 2" }, "\(errors)")
    }

    /// Still failed from its one attempt, untouched by the retries so far.
    func expectNotRetried(_ date: String) throws {
        let record = try #require(try archive.record(date))
        #expect(record.status == .failed && record.retryCount == 0, "\(date): \(record)")
        #expect(try archive.store().errors(ErrorFilter(date: date)).allSatisfy { $0.resolvedAt == nil })
    }

    /// The line `retry` prints for a date it takes on: a Terminal failure resumes.
    static func retryLine(_ date: String) -> String {
        "retry SPX greeks \(date) (attempt 2, was \(error): resuming from staged expirations)"
    }
}

@Suite("retry --all-failed, --since-date and --last-n", .serialized)
struct RetryCommandTests {
    @Test("--all-failed retries every failed date once, leaves an archived one alone, and then finds nothing to retry")
    func allFailed() throws {
        let dates = try FailedDates()
        defer { dates.stop() }
        let archived = try CLI.run(["process", "2024-03-11"] + dates.retrySettings)
        #expect(archived.status == 0, "\(archived.stdout)\(archived.stderr)")
        let success = try #require(try dates.archive.record("2024-03-11"))
        try dates.fail(["2024-03-12", "2024-03-13"])

        let retry = try CLI.run(["retry", "--all-failed"] + dates.retrySettings)
        #expect(retry.status == 0, "\(retry.stdout)\(retry.stderr)")
        #expect(retry.stdout.contains(FailedDates.retryLine("2024-03-12")) && retry.stdout.contains(FailedDates.retryLine("2024-03-13")),
                "\(retry.stdout)")
        #expect(retry.stdout.contains("2 date(s) archived, 0 failed"))
        try dates.expectRetriedOnce("2024-03-12")
        try dates.expectRetriedOnce("2024-03-13")
        #expect(try dates.archive.record("2024-03-11") == success)

        let again = try CLI.run(["retry", "--all-failed"] + dates.retrySettings)
        #expect(again.status == 0 && again.stdout == "nothing to retry: no failed SPX greeks date matches\n", "\(again.stdout)")
    }

    @Test("--last-n takes the most recent failures, whatever their dates; --since-date keeps --all-failed to the later dates")
    func lastNAndSinceDate() throws {
        let dates = try FailedDates()
        defer { dates.stop() }
        // Failed in this order: the most recent failure is neither the earliest nor the latest date.
        try dates.fail(["2024-03-13", "2024-03-11", "2024-03-12"])

        let last = try CLI.run(["retry", "--last-n", "1"] + dates.retrySettings)
        #expect(last.status == 0, "\(last.stdout)\(last.stderr)")
        #expect(last.stdout.contains(FailedDates.retryLine("2024-03-12")) && last.stdout.contains("1 date(s) archived"), "\(last.stdout)")
        try dates.expectRetriedOnce("2024-03-12")
        try dates.expectNotRetried("2024-03-11")
        try dates.expectNotRetried("2024-03-13")

        let since = try CLI.run(["retry", "--all-failed", "--since-date", "2024-03-12"] + dates.retrySettings)
        #expect(since.status == 0, "\(since.stdout)\(since.stderr)")
        #expect(since.stdout.contains(FailedDates.retryLine("2024-03-13")) && since.stdout.contains("1 date(s) archived"), "\(since.stdout)")
        try dates.expectRetriedOnce("2024-03-13")
        try dates.expectNotRetried("2024-03-11")

        let rest = try CLI.run(["retry", "--last-n", "5"] + dates.retrySettings)
        #expect(rest.status == 0 && rest.stdout.contains(FailedDates.retryLine("2024-03-11")), "\(rest.stdout)")
        try dates.expectRetriedOnce("2024-03-11")
    }

    @Test("bad selections exit 64 naming the accepted forms", arguments: [
        (["retry"], "give one of: a DATE, --all-failed, or --last-n N"),
        (["retry", "--all-failed", "--last-n", "2"], "give one of: a DATE, --all-failed, or --last-n N"),
        (["retry", "--last-n", "3", "--since-date", "2024-03-11"], "--since-date goes with --all-failed"),
        (["retry", "--last-n", "0"], "--last-n must be 1 to 10000, not 0"),
    ])
    func badSelections(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
