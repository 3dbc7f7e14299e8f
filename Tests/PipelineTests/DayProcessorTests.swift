import Foundation
import MarketCalendar
import Parquet
import StateStore
import TerminalSimulator
import Testing
import ThetaData
@testable import Pipeline

/// A fresh archive (ledger, output and staging directories) and a client of a running simulator.
struct ArchiveHarness {
    let root: String
    let store: StateStore
    let layout: ArchiveLayout

    init() throws {
        root = NSTemporaryDirectory() + "spx-archive-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        store = try StateStore(path: root + "/ledger.sqlite")
        layout = ArchiveLayout(outputDirectory: root + "/archive", stagingDirectory: root + "/staging")
    }

    func client(_ sim: RunningSimulator, _ api: TerminalAPI, attempts: Int = 8) -> ThetaDataClient {
        var configuration = ClientConfiguration(apiVersion: api == .v3 ? .v3 : .v2, baseURL: sim.baseURL)
        configuration.retryPolicy.baseDelay = .milliseconds(1)
        configuration.retryPolicy.maxDelay = .milliseconds(5)
        configuration.retryPolicy.maxAttempts = attempts
        configuration.statusPollInterval = .milliseconds(5)
        return ThetaDataClient(configuration: configuration)
    }

    func processor(_ client: ThetaDataClient) -> DayProcessor {
        DayProcessor(client: client, store: store, layout: layout)
    }
}

func withSimulator<T: Sendable>(_ api: TerminalAPI, scale: Double = 0.01, faults: String = "",
                                _ body: @Sendable (RunningSimulator) async throws -> T) async throws -> T {
    var configuration = SimulatorConfiguration(api: api, port: 0)
    configuration.seed = 9
    configuration.scale = scale
    configuration.faults = try FaultSpec(parsing: faults)
    return try await SimulatorServer.withRunning(configuration, body)
}

/// Every row the simulator serves for a day of `symbol`: roots, then expirations, then its order.
func servedDay(_ roots: [String], on date: CivilDate, scale: Double = 0.01) -> [TerminalSimulator.OptionRow] {
    let market = SimulatedMarket(seed: 9, scale: scale)
    return roots.flatMap { root in
        market.expirations(root: root, aliveOn: date).flatMap { expiration in
            market.rows(for: ChainRequest(root: root, expiration: expiration, startDate: date))
        }
    }
}

/// A column of every row group, in order.
func readAll(_ reader: ParquetFileReader, _ name: String) throws -> ColumnValues {
    let index = try #require(reader.schema.index(of: name))
    var doubles: [Double] = [], int32s: [Int32] = [], int64s: [Int64] = [], strings: [[UInt8]] = []
    for group in reader.metadata.rowGroups.indices {
        switch try reader.readColumn(rowGroup: group, column: index).values {
        case .double(let v): doubles += v
        case .int32(let v): int32s += v
        case .int64(let v): int64s += v
        case .byteArray(let v): strings += (0..<v.count).map { Array(v[$0]) }
        default: break
        }
    }
    if !doubles.isEmpty { return .double(doubles) }
    if !int32s.isEmpty { return .int32(int32s) }
    if !int64s.isEmpty { return .int64(int64s) }
    return .byteArray(ByteArrayColumn(strings))
}

@Suite("Processing a day against the simulator", .serialized)
struct DayProcessorTests {
    let friday = CivilDate(year: 2024, month: 3, day: 15)!

    @Test("SPX (roots SPX and SPXW) end to end: every value in the file is what the simulator served",
          arguments: [TerminalAPI.v3, .v2])
    func endToEnd(api: TerminalAPI) async throws {
        let harness = try ArchiveHarness()
        let friday = self.friday
        let result = try await withSimulator(api) { sim in
            let client = harness.client(sim, api)
            defer { Task { try? await client.shutdown() } }
            return try await harness.processor(client).process(DayJob(symbol: "SPX", dataset: .greeks, date: friday))
        }
        let served = servedDay(["SPX", "SPXW"], on: friday)
        #expect(result.rows == Int64(served.count) && served.count > 1000)
        #expect(result.path == harness.layout.outputDirectory + "/2024/03/15/spx-options-2024-03-15.parquet")

        let reader = try ParquetFileReader(path: result.path)
        #expect(try readAll(reader, "root") == .byteArray(ByteArrayColumn(served.map { Array($0.contract.root.utf8) })))
        #expect(try readAll(reader, "strike") == .int64(served.map { Int64($0.contract.strike) }))
        #expect(try readAll(reader, "expiration") == .int32(served.map { Int32($0.contract.expiration.daysSince1970) }))
        #expect(try readAll(reader, "ms_of_day") == .int32(served.map { Int32($0.msOfDay) }))
        #expect(try readAll(reader, "bid") == .double(served.map(\.bid)))
        #expect(try readAll(reader, "ask") == .double(served.map(\.ask)))
        #expect(try readAll(reader, "delta") == .double(served.map(\.delta)))
        #expect(try readAll(reader, "implied_vol") == .double(served.map(\.impliedVol)))
        #expect(try readAll(reader, "underlying_price") == .double(served.map(\.underlyingPrice)))
        // 2024-03-15 is EDT: New York time + 4 h.
        let midnight = Int64(friday.daysSince1970) * 86_400_000
        #expect(try readAll(reader, "timestamp") == .int64(served.map { midnight + Int64($0.msOfDay) + 4 * 3_600_000 }))

        // The ledger, the sidecar and the file agree; staging is gone; the file is owner-only.
        let record = try #require(try harness.store.processingRecords().first)
        #expect(record.status == .success && record.checksum == result.sha256 && record.recordCount == result.rows)
        #expect(FileDigest.readSidecar(for: result.path) == result.sha256)
        #expect(try FileDigest.sha256(of: result.path) == result.sha256)
        #expect(!FileManager.default.fileExists(atPath: harness.layout.stagingDirectory + "/SPX"))
        let mode = try FileManager.default.attributesOfItem(atPath: result.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let meta = Dictionary(reader.metadata.keyValueMetadata.map { ($0.key, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(meta["spx-data.rows"] == String(result.rows) && meta["spx-data.symbol"] == "SPX" && meta["spx-data.date"] == "2024-03-15")
    }

    @Test("a weekend is refused before anything is written")
    func notASession() async throws {
        let harness = try ArchiveHarness()
        let saturday = CivilDate(year: 2024, month: 3, day: 16)!
        await #expect {
            try await withSimulator(.v3) { sim in
                let client = harness.client(sim, .v3)
                defer { Task { try? await client.shutdown() } }
                _ = try await harness.processor(client).process(DayJob(symbol: "SPX", dataset: .greeks, date: saturday))
            }
        } throws: { error in
            (error as? DayFailure)?.kind == .notASession && "\(error)".contains("2024-03-16")
        }
        #expect(try harness.store.processingRecords().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: harness.layout.outputDirectory))
    }

    @Test("a failed day keeps what it staged; the rerun requests only the rest and ends with every row")
    func resume() async throws {
        let harness = try ArchiveHarness()
        let friday = self.friday
        let job = DayJob(symbol: "SPX", dataset: .greeks, date: friday)
        // One attempt per request, and 571 on a third of them: some expirations stage, some fail.
        await #expect(throws: DayFailure.self) {
            try await withSimulator(.v3, faults: "571:p=0.35") { sim in
                let client = harness.client(sim, .v3, attempts: 1)
                defer { Task { try? await client.shutdown() } }
                _ = try await harness.processor(client).process(job)
            }
        }
        let first = try harness.store.expirationProgress(symbol: "SPX", dataset: "greeks", date: "2024-03-15")
        let staged = first.count { $0.status == .staged }
        #expect(staged > 0 && staged < first.count)
        #expect(try harness.store.processingRecords().first?.status == .failed)
        #expect(!FileManager.default.fileExists(atPath: harness.layout.file(for: job)))

        let result = try await withSimulator(.v3) { sim in
            let client = harness.client(sim, .v3)
            defer { Task { try? await client.shutdown() } }
            return try await harness.processor(client).process(job)
        }
        #expect(result.expirationsFetched == first.count - staged)
        #expect(result.expirations == first.count)
        let served = servedDay(["SPX", "SPXW"], on: friday)
        #expect(result.rows == Int64(served.count))
        let reader = try ParquetFileReader(path: result.path)
        #expect(try readAll(reader, "bid") == .double(served.map(\.bid)))
        #expect(try harness.store.processingRecords().first?.retryCount == 1)
    }

    @Test("tries the client sent again are in the ledger, resolved, each with its status and backoff")
    func clientRetriesRecorded() async throws {
        let harness = try ArchiveHarness()
        let job = DayJob(symbol: "SPX", dataset: .greeks, date: friday)
        // Four requests in ten are refused, and the first (the SPX contract list) as starting;
        // each is retried after a backoff.
        let (result, refused) = try await withSimulator(.v3, faults: "429:p=0.4,retry-after=0;571:n=1") { sim in
            let client = harness.client(sim, .v3)
            defer { Task { try? await client.shutdown() } }
            let result = try await harness.processor(client).process(job)
            let faults = sim.injectedFaults()
            return (result, (faults[.rateLimited] ?? 0) + (faults[.starting] ?? 0))
        }
        let retried = try harness.store.errors().filter { $0.errorType == "transient" }
        let lists = retried.filter { $0.errorMessage.contains("contract list") }
        // At this scale each expiration is one request and one page: every history request
        // past the first of each expiration is a retry, and each retry is in the ledger.
        let historyRetries = result.requests - result.expirations
        #expect(historyRetries > 0 && !lists.isEmpty, "the seeded draws refuse some list and some history request")
        #expect(retried.reduce(0) { $0 + $1.retryAttempt } - lists.reduce(0) { $0 + $1.retryAttempt } == historyRetries)
        // Every refusal the simulator made is one logged try, lists included.
        #expect(retried.reduce(0) { $0 + $1.retryAttempt } == refused, "\(retried.map(\.errorMessage))")
        for row in retried {
            let resolution = lists.contains { $0.id == row.id } ? "retried by the client; the list arrived" : "retried by the client; the expiration was staged"
            #expect(row.resolvedAt != nil && row.resolutionMethod == resolution)
            let context = try #require(row.contextData)
            #expect(context.components(separatedBy: "\"status\":429").count + context.components(separatedBy: "\"status\":571").count - 2
                    == row.retryAttempt, "\(context)")
            #expect(context.components(separatedBy: "\"wait_ms\":").count - 1 == row.retryAttempt)
            #expect(row.errorMessage.contains("rateLimited (HTTP 429) then") || row.errorMessage.contains("serverStarting (HTTP 571) then"))
        }
    }

    @Test("tries sent again before a request failed for good are in the ledger, open until the date succeeds")
    func failedRequestRetriesRecorded() async throws {
        let harness = try ArchiveHarness()
        let job = DayJob(symbol: "SPX", dataset: .greeks, date: friday)
        // Every request is refused: two tries each, then the day fails with the listing's error.
        await #expect(throws: DayFailure.self) {
            try await withSimulator(.v3, faults: "571") { sim in
                let client = harness.client(sim, .v3, attempts: 2)
                defer { Task { try? await client.shutdown() } }
                _ = try await harness.processor(client).process(job)
            }
        }
        let retried = try harness.store.errors().filter { $0.errorType == "transient" }
        #expect(retried.count == 1 && retried.first?.retryAttempt == 1, "\(retried.map(\.errorMessage))")
        #expect(retried.first?.errorMessage.hasPrefix("1 failed try of the SPX contract list sent again, then it failed: serverStarting (HTTP 571)") == true)
        #expect(retried.first?.resolvedAt == nil)
    }

    @Test("a temporary file a crashed run left beside the day's file is removed; a live writer's is not")
    func abandonedTemporaryRemoved() async throws {
        let harness = try ArchiveHarness()
        let job = DayJob(symbol: "SPX", dataset: .greeks, date: friday)
        let final = harness.layout.file(for: job)
        let directory = String(final[..<final.lastIndex(of: "/")!])
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Above any pid_max, so no such process exists.
        #expect(FileManager.default.createFile(atPath: final + ".tmp-2147480000", contents: Data("partial".utf8)))
        // pid 1 is always alive: its file is left alone.
        #expect(FileManager.default.createFile(atPath: final + ".tmp-1", contents: Data("busy".utf8)))
        _ = try await withSimulator(.v3) { sim in
            let client = harness.client(sim, .v3)
            defer { Task { try? await client.shutdown() } }
            return try await harness.processor(client).process(job)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            == ["spx-options-2024-03-15.parquet", "spx-options-2024-03-15.parquet.sha256", "spx-options-2024-03-15.parquet.tmp-1"])
    }

    @Test("SPY is its own root; an expiration the Terminal has no data for (472) is archived empty")
    func spyWithAnEmptyExpiration() async throws {
        let harness = try ArchiveHarness()
        let friday = self.friday
        // 2024-03-15's own SPY expiration answers 472; the others carry their rows.
        let result = try await withSimulator(.v3, scale: 0.05, faults: "472:exp=2024-03-15") { sim in
            let client = harness.client(sim, .v3)
            defer { Task { try? await client.shutdown() } }
            return try await harness.processor(client).process(DayJob(symbol: "SPY", dataset: .greeks, date: friday))
        }
        let market = SimulatedMarket(seed: 9, scale: 0.05)
        let expirations = market.expirations(root: "SPY", aliveOn: friday)
        #expect(expirations.contains(friday) && expirations.count > 1)
        let served = expirations.filter { $0 != friday }.flatMap {
            market.rows(for: ChainRequest(root: "SPY", expiration: $0, startDate: friday))
        }
        #expect(result.expirations == expirations.count && result.rows == Int64(served.count))
        #expect(result.path.hasSuffix("/2024/03/15/spy-options-2024-03-15.parquet"))
        let reader = try ParquetFileReader(path: result.path)
        #expect(try readAll(reader, "bid") == .double(served.map(\.bid)))
        #expect(try readAll(reader, "root") == .byteArray(ByteArrayColumn(served.map { _ in Array("SPY".utf8) })))
        let progress = try harness.store.expirationProgress(symbol: "SPY", dataset: "greeks", date: "2024-03-15")
        // The empty one is recorded as empty, never as failed; the day counts it.
        #expect(progress.first { $0.expiration == "2024-03-15" }?.rowCount == 0)
        #expect(progress.filter { $0.status == .empty }.map(\.expiration) == ["2024-03-15"])
        #expect(progress.allSatisfy { $0.status == .staged || $0.expiration == "2024-03-15" })
        #expect(result.emptyExpirations == 1)
    }
}
