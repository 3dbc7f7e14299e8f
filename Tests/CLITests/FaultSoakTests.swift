import Foundation
import StateStore
import Testing

/// The fault soak (docs/reliability-suite.md): the sessions of `Soak` against their faulty
/// simulators, `retry --all-failed` until the policy settles every failed date, then the
/// ledger, the files and their rows checked against a clean reference archive.
@Suite("fault soak: every fault class at high rates over several sessions", .serialized)
struct FaultSoakTests {
    @Test("every date ends archived or failed with a typed error; archived files verify and hold the rows served; retries are in the ledger")
    func soak() async throws {
        var figures = SoakFigures()
        let reference = try referenceArchive()
        // Each session and the retries point the archive at their own simulator; this one only names a URL.
        let first = try Soak.simulator(Soak.sessions[0].faults)
        let archive = try ArchiveDirectory(first)
        _ = first.stop()
        var injectedBySession: [String: [String: Int]] = [:]
        for session in Soak.sessions {
            injectedBySession[session.name] = try await run(session, in: archive)
            figures.add(injectedBySession[session.name] ?? [:])
            figures.sessions += 1
        }
        try await retryUntilSettled(archive, figures: &figures)
        for kind in FaultKinds.all { #expect((figures.injected[kind] ?? 0) > 0, "no \(kind) fault was injected") }

        let errors = try archive.store().errors()
        var successes = 0
        for session in Soak.sessions {
            for date in session.dates {
                let record = try #require(try archive.record(date))
                let own = errors.filter { $0.date == date }
                try expectAttemptsLogged(record, own, session: session)
                let retries = expectClientRetriesLogged(own, record, session: session)
                figures.clientRetries += retries.reduce(0) { $0 + $1.tries.count }
                figures.longestWaitMs = retries.flatMap(\.tries).map(\.waitMs).reduce(figures.longestWaitMs, max)
                figures.dateRetries += record.retryCount
                figures.failedAttempts += own.count { !Soak.notAttempts.contains($0.errorType) }
                guard record.status == .success else { continue }
                successes += 1
                let clean = try #require(try reference.record(date))
                try expectRowsServed(record, own, session: session, archive: archive, reference: reference, clean: clean)
                figures.rowsCompared += clean.recordCount ?? 0
                figures.rowsQuarantined += Soak.quarantined(own)
                // Split and retried requests are counted with the rest; the first attempt's are all there.
                if record.retryCount == 0, let made = record.apiRequestsMade, let cleanMade = clean.apiRequestsMade {
                    #expect(made > cleanMade, "\(date): \(made) requests, the clean run \(cleanMade)")
                    figures.extraRequests += made - cleanMade
                }
            }
        }
        try expectRefusalsRetried(archive, injected: injectedBySession["refusals"] ?? [:])
        try expectBodyRetriesCounted(archive, reference, injected: injectedBySession["bodies"] ?? [:])
        // Every quarantined row was one the simulator broke (not every broken row is quarantined:
        // some were in bodies cut and fetched again, and v3 CSV keeps a row with its last value
        // missing or one value too many).
        #expect(figures.rowsQuarantined <= Int64(figures.injected["malformed"] ?? 0))

        let verify = try CLI.run(["verify", "--all"] + archive.settings)
        #expect(verify.status == 0 && verify.stdout.contains("\(successes) of \(successes) file(s) sound"), "\(verify.stdout)")
        figures.filesVerified = successes
        print(figures.line)
    }

    /// The same dates from a simulator with only the shaping fault: the rows served.
    func referenceArchive() throws -> ArchiveDirectory {
        let clean = try Soak.simulator(Soak.noData)
        defer { _ = clean.stop() }
        let reference = try ArchiveDirectory(clean)
        let dates = Soak.dates
        let result = try CLI.run(["process-range", dates[0], dates[dates.count - 1], "--parallel-dates", "3"] + reference.settings)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        return reference
    }

    /// Processes a session's dates; each ends archived or failed with one of its typed errors.
    /// Returns what its simulator injected.
    func run(_ session: SoakSession, in archive: ArchiveDirectory) async throws -> [String: Int] {
        let simulator = try Soak.simulator(session.faults)
        defer { _ = simulator.stop() }
        let dates = session.dates
        let result = try CLI.run(["process-range", dates[0], dates[dates.count - 1], "--parallel-dates", "\(dates.count)",
                                  "--set", "processing.maxRetries=\(Soak.maxRetries)"] + archive.settings(baseURL: simulator.baseURL()))
        var failed = 0
        for date in dates {
            let record = try #require(try archive.record(date))
            switch record.status {
            case .success:
                #expect(!session.alwaysFails, "\(session.name) \(date) should have failed")
            case .failed:
                failed += 1
                #expect(session.errors.contains(record.errorType ?? ""), "\(session.name) \(date): \(record.errorMessage ?? "")")
            case .queued, .processing:
                Issue.record("\(session.name) \(date) ended \(record.status)")
            }
        }
        #expect(result.status == (failed > 0 ? 1 : 0), "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("\(dates.count - failed) date(s) archived, \(failed) failed"), "\(result.stdout)")
        return try await Soak.injected(simulator)
    }

    /// `retry --all-failed` against the recovering simulator until no failed date is left
    /// that the policy allows to retry. Each round retries exactly those, once, resuming
    /// (their errors are the Terminal's); a date past `maxRetries` is refused and left as it is.
    func retryUntilSettled(_ archive: ArchiveDirectory, figures: inout SoakFigures) async throws {
        let recovering = try Soak.simulator(Soak.recovering.faults)
        defer { _ = recovering.stop() }
        for _ in 0...Soak.maxRetries {
            let failed = try archive.store().processingRecords(ProcessingFilter(statuses: [.failed]))
            guard failed.contains(where: { $0.retryCount < Soak.maxRetries }) else { break }
            let result = try CLI.run(["retry", "--all-failed", "--set", "processing.maxRetries=\(Soak.maxRetries)"]
                                     + archive.settings(baseURL: recovering.baseURL()))
            figures.retryRuns += 1
            for before in failed {
                let after = try #require(try archive.record(before.date))
                guard before.retryCount < Soak.maxRetries else {
                    #expect(after == before && result.stderr.contains("refused SPX greeks \(before.date)"), "\(result.stderr)")
                    continue
                }
                let line = "retry SPX greeks \(before.date) (attempt \(before.retryCount + 2), was \(before.errorType ?? "?"): "
                    + "resuming from staged expirations)"
                #expect(result.stdout.contains(line), "\(result.stdout)")
                #expect(after.retryCount == before.retryCount + 1)
                #expect(after.status == .success || Soak.recovering.errors.contains(after.errorType ?? ""), "\(after)")
            }
        }
        figures.add(try await Soak.injected(recovering))
    }

    /// One error per failed attempt, numbered from 0 in order, each retry naming the error it
    /// retried; all resolved by the attempt that succeeded, or the date refused past maxRetries.
    func expectAttemptsLogged(_ record: ProcessingRecord, _ errors: [ErrorRecord], session: SoakSession) throws {
        let failures = errors.filter { !Soak.notAttempts.contains($0.errorType) }.sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        let date = record.date
        #expect(failures.map(\.retryAttempt) == Array(0..<failures.count), "\(date): \(failures)")
        #expect(failures.map(\.occurredAt) == failures.map(\.occurredAt).sorted())
        if let first = failures.first {
            #expect(session.errors.contains(first.errorType) && first.contextData == nil, "\(date): \(first)")
        }
        for (retried, failure) in zip(failures, failures.dropFirst()) {
            #expect(Soak.recovering.errors.contains(failure.errorType), "\(date): \(failure)")
            #expect(failure.contextData == "{\"retry_of\":\"\(retried.errorType)\"}", "\(date): \(failure)")
        }
        switch record.status {
        case .success:
            #expect(failures.count == record.retryCount, "\(date): \(failures)")
            let method = record.retryCount == 0 ? "succeeded on attempt 1" : "retry succeeded on attempt \(record.retryCount + 1)"
            let resolvedByTheDay = errors.filter { $0.errorType != "transient" }
            #expect(resolvedByTheDay.allSatisfy { $0.resolvedAt != nil && $0.resolutionMethod == method }, "\(date): \(errors)")
        case .failed:
            #expect(record.retryCount >= Soak.maxRetries && failures.count == record.retryCount + 1, "\(date): \(record)")
        case .queued, .processing:
            Issue.record("\(date) ended \(record.status)")
        }
    }

    /// The tries the client sent again for the date's requests: resolved when the request then
    /// succeeded, or with the date's success when it failed for good (open while the date is
    /// failed); each a code the faults produce with its status, each backoff within the
    /// policy's ceiling for its try.
    func expectClientRetriesLogged(_ errors: [ErrorRecord], _ record: ProcessingRecord, session: SoakSession) -> [ClientRetries] {
        let codes = session.retriedCodes.union(Soak.recovering.retriedCodes)
        var logged: [ClientRetries] = []
        for error in errors where error.errorType == "transient" {
            guard let retries = ClientRetries(error) else {
                Issue.record("\(error.date): unreadable context \(error.contextData ?? "nil")")
                continue
            }
            if error.errorMessage.contains(", then it failed") {
                #expect((error.resolvedAt != nil) == (record.status == .success), "\(error)")
            } else {
                #expect(error.resolvedAt != nil && ClientRetries.resolutions.contains(error.resolutionMethod ?? ""), "\(error)")
            }
            #expect(error.retryAttempt == retries.tries.count && !retries.tries.isEmpty, "\(error)")
            for (index, attempt) in retries.tries.enumerated() {
                #expect(codes.contains(attempt.code) && ClientRetries.statuses[attempt.code] == attempt.status, "\(error.date): \(attempt)")
                #expect((0...ClientRetries.longestWaitMs(after: index)).contains(attempt.waitMs), "\(error.date) try \(index): \(attempt)")
            }
            logged.append(retries)
        }
        return logged
    }

    /// The file holds exactly the rows served: the clean run's content hash, or, where rows
    /// were broken, the clean count less the rows the ledger says were quarantined.
    func expectRowsServed(_ record: ProcessingRecord, _ errors: [ErrorRecord], session: SoakSession,
                          archive: ArchiveDirectory, reference: ArchiveDirectory, clean: ProcessingRecord) throws {
        let date = record.date
        let quarantined = Soak.quarantined(errors)
        if session.breaksRows {
            #expect(quarantined > 0, "\(date): no row was quarantined")
        }
        if quarantined == 0 {
            let hash = try contentHash(archive.file(date)), cleanHash = try contentHash(reference.file(date))
            #expect(hash.count == 64 && hash == cleanHash, "\(date)")
            #expect(record.recordCount == clean.recordCount)
        } else {
            #expect((record.recordCount ?? 0) + quarantined == clean.recordCount, "\(date): \(record.recordCount ?? 0) + \(quarantined)")
        }
    }

    /// Every refusal (429, 571, 474) of a session whose dates were all archived at their first
    /// attempt is one try sent again, in the ledger: history requests and contract lists alike.
    func expectRefusalsRetried(_ archive: ArchiveDirectory, injected: [String: Int]) throws {
        let session = try #require(Soak.sessions.first { $0.name == "refusals" })
        var logged = 0
        for date in session.dates {
            let record = try #require(try archive.record(date))
            guard record.retryCount == 0, record.status == .success else { return }
            logged += try archive.store().errors(ErrorFilter(date: date, errorType: "transient")).reduce(0) { $0 + $1.retryAttempt }
        }
        let refused = (injected["429"] ?? 0) + (injected["571"] ?? 0) + (injected["474"] ?? 0)
        #expect(logged > 0 && logged == refused, "\(logged) retries logged; \(injected)")
    }

    /// Where only bodies fail (no refusal but 570), the ledger's counts are exact: each cut
    /// body is one try sent again (a `transient` entry) and one more request; each 570 two
    /// more requests (the refused one and the second half). Checked when every date of the
    /// session was archived at its first attempt, since a failed attempt's requests are not
    /// recorded.
    func expectBodyRetriesCounted(_ archive: ArchiveDirectory, _ reference: ArchiveDirectory, injected: [String: Int]) throws {
        let session = try #require(Soak.sessions.first { $0.name == "bodies" })
        var extra = 0, logged = 0
        for date in session.dates {
            let record = try #require(try archive.record(date))
            guard record.retryCount == 0, record.status == .success else { return }
            extra += (record.apiRequestsMade ?? 0) - (try reference.record(date)?.apiRequestsMade ?? 0)
            logged += try archive.store().errors(ErrorFilter(date: date, errorType: "transient")).reduce(0) { $0 + $1.retryAttempt }
            // The metrics table holds the same request count.
            let metrics = try archive.store().performance(date: date).first?.metrics
            #expect(metrics?["api_requests"] == record.apiRequestsMade.map(Double.init), "\(date): \(metrics ?? [:])")
        }
        let cut = (injected["reset"] ?? 0) + (injected["truncate"] ?? 0)
        #expect(logged == cut, "\(logged) retries logged; \(injected)")
        #expect(extra == cut + 2 * (injected["570"] ?? 0), "\(extra) extra requests; \(injected)")
    }
}
