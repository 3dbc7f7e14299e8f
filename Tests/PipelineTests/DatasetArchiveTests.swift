import AsyncHTTPClient
import Foundation
import MarketCalendar
import NIOCore
import NIOHTTP1
import Parquet
import Quality
import StateStore
import Testing
import TerminalSimulator
import ThetaData
@testable import Pipeline

/// What a Terminal body said, fetched and read here without the client: CSV split on commas
/// (the simulator quotes nothing), each field by its header name.
struct ServedBody {
    var rows: [[String: String]] = []

    init(_ text: String) {
        let lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else { return }
        rows = lines.dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }

    static func fetch(_ url: String) async throws -> String {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 256 << 20)
        if response.status.code == 472 { return "" }
        #expect(response.status.code == 200, "\(url): \(response.status)")
        return String(buffer: body)
    }
}

@Suite("Every declared dataset, end to end: each archived value is what the Terminal served", .serialized)
struct DatasetArchiveTests {
    static let friday = CivilDate(year: 2024, month: 3, day: 15)!
    static let cases: [(ThetaData.Dataset, TerminalAPI)] = ThetaData.Dataset.all.flatMap { d in [TerminalAPI.v3, .v2].map { (d, $0) } }

    @Test(arguments: cases)
    func archivedAsServed(dataset: ThetaData.Dataset, api: TerminalAPI) async throws {
        let harness = try ArchiveHarness()
        let friday = Self.friday
        let version: APIVersion = api == .v3 ? .v3 : .v2
        let (result, served) = try await withSimulator(api, scale: 0.02) { sim in
            let client = harness.client(sim, api)
            defer { Task { try? await client.shutdown() } }
            let result = try await harness.processor(client).process(
                DayJob(symbol: "SPY", dataset: dataset, date: friday, intervalMs: 1_800_000))
            return (result, try await Self.served(dataset, version, baseURL: sim.baseURL))
        }
        // Its own file name, typed columns, and every row the Terminal sent.
        let name = dataset == .greeks ? "spy-options-2024-03-15.parquet" : "spy-\(dataset.name)-2024-03-15.parquet"
        #expect(result.path.hasSuffix("/2024/03/15/" + name))
        #expect(result.rows == Int64(served.count) && !served.isEmpty, "\(result.rows) archived, \(served.count) served")
        let reader = try ParquetFileReader(path: result.path)
        let expectedNames = ["root", "expiration", "strike", "right", "timestamp", "date", "ms_of_day"]
            + dataset.columns(in: version).map(\.name)
        #expect(reader.schema.columns.map(\.name) == expectedNames)
        for column in dataset.columns(in: version) where column.type == .dateTime {
            let index = try #require(reader.schema.index(of: column.name))
            #expect(reader.schema.columns[index].logicalType == .timestamp(isAdjustedToUTC: true, unit: .millis), "\(column.name)")
        }
        let archived = try Self.rows(reader)
        let expected = served.map { Self.expectedRow($0, dataset, version) }
        // Both sides in archive order: root, expiration, strike, right, time.
        let key = { (row: [String: ColumnCell]) in
            "\(row["root"]!) \(row["expiration"]!) \(row["strike"]!) \(row["right"]!) \(row["timestamp"]!)"
        }
        #expect(archived.count == expected.count && Set(archived.map(key)) == Set(expected.map(key)))
        #expect(archived.map(Self.orderKey) == archived.map(Self.orderKey).sorted(by: <), "rows are not in archive order")
        let byKey = Dictionary(expected.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        var mismatches = 0
        for row in archived {
            guard let want = byKey[key(row)] else { mismatches += 1; continue }
            for name in expectedNames where row[name] != want[name] {
                mismatches += 1
                if mismatches <= 5 { Issue.record("\(dataset) \(api) \(key(row)) \(name): archived \(row[name]!), served \(want[name]!)") }
            }
        }
        #expect(mismatches == 0)
        // And judged: a clean simulated day of any dataset grades A, no blocking or error check failing.
        let quality = try #require(result.quality)
        let failing = quality.checks.filter { ($0.severity == .blocker || $0.severity == .error) && $0.failed > 0 }
        #expect(quality.grade == .a && failing.isEmpty, "\(dataset) \(api): \(quality.score) \(failing.map { "\($0.id) \($0.failed) \($0.examples)" })")
    }

    /// Root, expiration, strike, right and time: the archive's row order.
    static func orderKey(_ row: [String: ColumnCell]) -> OrderKey {
        func text(_ name: String) -> String { if case .text(let s) = row[name] { s } else { "" } }
        func integer(_ name: String) -> Int64 { if case .int(let n) = row[name] { n } else { .min } }
        return OrderKey(root: text("root"), expiration: integer("expiration"), strike: integer("strike"), right: text("right"),
                        time: integer("timestamp"))
    }

    struct OrderKey: Comparable {
        var root: String, expiration: Int64, strike: Int64, right: String, time: Int64
        static func < (a: Self, b: Self) -> Bool {
            (a.root, a.expiration, a.strike, a.right, a.time) < (b.root, b.expiration, b.strike, b.right, b.time)
        }
    }

    /// Every row of the day as the simulator serves it in CSV, expiration by expiration of the
    /// contracts it lists, asked the way a researcher would with curl.
    static func served(_ dataset: ThetaData.Dataset, _ version: APIVersion, baseURL: String) async throws -> [[String: String]] {
        let compact = "20240315"
        let contracts = ServedBody(try await ServedBody.fetch(version == .v3
            ? "\(baseURL)/v3/option/list/contracts/quote?symbol=SPY&date=\(compact)&format=csv"
            : "\(baseURL)/v2/list/contracts/option/quote?start_date=\(compact)&root=SPY&use_csv=true"))
        let expirations = Set(contracts.rows.compactMap { $0["expiration"]?.replacingOccurrences(of: "-", with: "") })
            .filter { $0 >= compact }.sorted()
        var rows: [[String: String]] = []
        let endpoint = dataset.endpoint(version)
        for expiration in expirations {
            var url = "\(baseURL)\(endpoint.path)?"
            switch version {
            case .v3:
                url += "symbol=SPY&expiration=\(expiration)&strike=*&right=both&format=csv"
                url += endpoint.takesInterval ? "&date=\(compact)&interval=30m" : "&start_date=\(compact)&end_date=\(compact)"
            case .v2:
                url += "root=SPY&exp=\(expiration)&start_date=\(compact)&end_date=\(compact)&use_csv=true"
                if endpoint.takesInterval { url += "&ivl=1800000" }
            }
            rows += ServedBody(try await ServedBody.fetch(url)).rows
        }
        return rows
    }

    /// The archive's cells for one served row: the Terminal's text read as the archive stores it.
    static func expectedRow(_ row: [String: String], _ dataset: ThetaData.Dataset, _ version: APIVersion) -> [String: ColumnCell] {
        var out: [String: ColumnCell] = [:]
        out["root"] = .text(row[version == .v3 ? "symbol" : "root"]!)
        out["expiration"] = .int(Int64(days(row["expiration"]!)))
        out["right"] = .text(String(row["right"]!.prefix(1)))
        let strike = row["strike"]!
        out["strike"] = .int(version == .v3 ? tenthsOfCent(strike) : Int64(strike)!)
        let date: CivilDate, ms: Int
        if version == .v3 {
            (date, ms) = newYork(row[dataset.v3.timeColumn]!)
        } else {
            (date, ms) = (dateOf(row["date"]!), Int(row["ms_of_day"]!)!)
        }
        out["timestamp"] = .int(utcMillis(date, ms))
        out["date"] = .int(Int64(date.daysSince1970))
        out["ms_of_day"] = .int(Int64(ms))
        for column in dataset.columns(in: version) {
            let text = row[column.name(in: version)!] ?? ""
            guard !text.isEmpty else { out[column.name] = .null; continue }
            switch column.type {
            case .double: out[column.name] = .bits(Double(text)!.bitPattern)
            case .integer, .timeOfDay: out[column.name] = .int(Int64(text)!)
            case .dateTime:
                let (d, m) = newYork(text)
                out[column.name] = .int(utcMillis(d, m))
            }
        }
        return out
    }

    /// Every row of the file as cells by column name, nulls included.
    static func rows(_ reader: ParquetFileReader) throws -> [[String: ColumnCell]] {
        var out: [[String: ColumnCell]] = []
        for group in reader.metadata.rowGroups.indices {
            var columns: [String: [ColumnCell]] = [:]
            for (index, column) in reader.schema.columns.enumerated() {
                let values = ColumnCell.cells(try reader.readColumn(rowGroup: group, column: index))
                columns[column.name] = values
            }
            let count = Int(reader.metadata.rowGroups[group].numRows)
            for r in 0..<count { out.append(columns.mapValues { $0[r] }) }
        }
        return out
    }

    static func days(_ text: String) -> Int { dateOf(text).daysSince1970 }

    /// `2024-03-15` or `20240315`.
    static func dateOf(_ text: String) -> CivilDate {
        if let date = CivilDate(text) { return date }
        let n = Int(text)!
        return CivilDate(year: n / 10_000, month: n / 100 % 100, day: n % 100)!
    }

    /// A v3 `YYYY-MM-DDTHH:MM:SS[.fff]` as its date and ms of day.
    static func newYork(_ text: String) -> (CivilDate, Int) {
        let date = CivilDate(String(text.prefix(10)))!
        let clock = text.dropFirst(11)
        let parts = clock.split(separator: ":")
        let seconds = Double(parts[2])!
        let ms = (Int(parts[0])! * 3600 + Int(parts[1])! * 60) * 1000 + Int((seconds * 1000).rounded())
        return (date, ms)
    }

    static func utcMillis(_ date: CivilDate, _ ms: Int) -> Int64 {
        let offset = NewYorkTime.utcOffset(on: date, at: TimeOfDay(hour: ms / 3_600_000, minute: ms / 60_000 % 60))
        return Int64(date.daysSince1970) * 86_400_000 + Int64(ms) - Int64(offset) * 1000
    }

    /// `262.500` dollars as 262 500 tenths of a cent, by the digits.
    static func tenthsOfCent(_ text: String) -> Int64 {
        let parts = text.split(separator: ".")
        let fraction = parts.count > 1 ? String(parts[1].prefix(3)).padding(toLength: 3, withPad: "0", startingAt: 0) : "000"
        return Int64(parts[0])! * 1000 + Int64(fraction)!
    }
}

extension ArchiveHarness {
    /// Stages `body` (a Terminal body in `format`) as an earlier run would have left
    /// `expiration` of `job`: its file at `path`, and its row in the ledger as staged.
    func stageEarlier(_ body: String, format: BodyFormat, at path: String, job: DayJob, expiration: CivilDate) throws {
        let staging = try StagingFile(path: path, dataset: job.dataset, version: format.apiVersion)
        _ = try Array(body.utf8).withUnsafeBytes { raw in
            try BodyDecoder.decode(raw, dataset: job.dataset, format: format) { try? staging.append($0) }
        }
        let file = try StagingSorter.sort(try staging.finish())
        try store.save([ExpirationProgress(symbol: job.symbol, dataset: job.dataset.name, date: job.date.description,
                                           root: job.symbol, expiration: expiration.description, status: .staged,
                                           rowCount: Int64(file.rows), stagedPath: file.path, sha256: file.sha256, bytes: file.bytes)])
    }
}

@Suite("Staging written for other columns is never resumed from", .serialized)
struct StagingSchemaTests {
    @Test("an expiration staged by v2 (or by the first archive schema) is fetched again by v3, its columns whole")
    func otherColumnsAreFetchedAgain() async throws {
        let harness = try ArchiveHarness()
        let friday = DatasetArchiveTests.friday
        let job = DayJob(symbol: "SPY", dataset: .greeks, date: friday, intervalMs: 1_800_000)
        // An earlier run, staged with v2's columns, under the names of both generations.
        try harness.store.save([ProcessingRecord(symbol: "SPY", dataset: "greeks", date: "2024-03-15", status: .failed)])
        let directory = harness.layout.stagingDirectory(for: job)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let market = SimulatedMarket(seed: 9, scale: 0.1)
        let expirations = market.expirations(root: "SPY", aliveOn: friday)
        for (n, expiration) in expirations.enumerated() {
            let path = n == 0 ? "\(directory)/SPY-\(expiration).ndjson" : harness.layout.stagingFile(
                for: job, root: "SPY", expiration: expiration, version: .v2)
            let body = try await withSimulator(.v2, scale: 0.1) { sim in
                try await ServedBody.fetch("\(sim.baseURL)/v2/bulk_hist/option/greeks?root=SPY&exp=\(Pipeline.DayProcessor.compact(expiration))"
                                           + "&start_date=20240315&end_date=20240315&ivl=1800000&use_csv=true")
            }
            try harness.stageEarlier(body, format: .v2CSV, at: path, job: job, expiration: expiration)
        }
        // When v3 processes the day
        let result = try await withSimulator(.v3, scale: 0.1) { sim in
            let client = harness.client(sim, .v3)
            defer { Task { try? await client.shutdown() } }
            return try await harness.processor(client).process(job)
        }
        // Then every expiration was fetched again, and the file holds v3's columns, all present.
        #expect(result.expirationsFetched == expirations.count && expirations.count > 1)
        let reader = try ParquetFileReader(path: result.path)
        let underlying = try #require(reader.schema.index(of: "underlying_timestamp"))
        for group in reader.metadata.rowGroups.indices {
            #expect(try reader.readColumn(rowGroup: group, column: underlying).nullCount == 0)
        }
        #expect(reader.schema.index(of: "ms_of_day2") == nil)
        // And the other generation's files went with the staging.
        #expect(!FileManager.default.fileExists(atPath: directory))
    }
}

@Suite("A blocking quality failure fails the day", .serialized)
struct QualityBlockerTests {
    @Test("a staged row with strike 0 (S3): the day fails as quality, no file in the archive, the staging kept for a re-fetch")
    func blockerFailsTheDay() async throws {
        let harness = try ArchiveHarness()
        let friday = DatasetArchiveTests.friday
        let job = DayJob(symbol: "SPY", dataset: .greeks, date: friday, intervalMs: 1_800_000)
        try harness.store.save([ProcessingRecord(symbol: "SPY", dataset: "greeks", date: "2024-03-15", status: .failed)])
        try FileManager.default.createDirectory(atPath: harness.layout.stagingDirectory(for: job), withIntermediateDirectories: true)
        // Every expiration staged by an earlier run, one row of the first with a strike of 0.
        let market = SimulatedMarket(seed: 9, scale: 0.02)
        for (n, expiration) in market.expirations(root: "SPY", aliveOn: friday).enumerated() {
            var body = try await withSimulator(.v3, scale: 0.02) { sim in
                try await ServedBody.fetch("\(sim.baseURL)/v3/option/history/greeks/first_order?symbol=SPY"
                                           + "&expiration=\(Pipeline.DayProcessor.compact(expiration))&date=20240315&interval=30m")
            }
            // The Terminal ends lines with CR LF, one Character to Swift: split on any line end.
            if n == 0, let line = body.split(whereSeparator: \.isNewline).dropFirst().first {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                let broken = ([fields[0], fields[1], "0.000"] + fields[3...]).joined(separator: ",")
                body = body.replacingOccurrences(of: String(line), with: broken)
            }
            try harness.stageEarlier(body, format: .v3CSV, at: harness.layout.stagingFile(
                for: job, root: "SPY", expiration: expiration, version: .v3), job: job, expiration: expiration)
        }
        let failure = await #expect(throws: DayFailure.self) {
            try await withSimulator(.v3, scale: 0.02) { sim in
                let client = harness.client(sim, .v3)
                defer { Task { try? await client.shutdown() } }
                return try await harness.processor(client).process(job)
            }
        }
        #expect(failure?.kind == .quality && failure?.message.contains("S3") == true, "\(String(describing: failure))")
        #expect(try harness.store.processingRecords().first?.errorType == "quality")
        #expect(!FileManager.default.fileExists(atPath: harness.layout.file(for: job)))
        #expect(FileManager.default.fileExists(atPath: harness.layout.stagingDirectory(for: job)))
        #expect(RetryPolicy.forErrorType("quality") == .restage)
    }
}
