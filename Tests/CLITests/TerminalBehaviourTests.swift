import Foundation
import Parquet
import StateStore
import Testing

/// What a simulator counted as injected, by fault kind.
func injected(_ simulator: SimulatorProcess) throws -> [String: Int] {
    let data = try Data(contentsOf: URL(string: simulator.baseURL() + "/simulator/faults")!)
    return try JSONSerialization.jsonObject(with: data) as? [String: Int] ?? [:]
}

@Suite("Live Terminals' 2026 answers, processed end to end", .serialized)
struct TerminalBehaviourTests {
    @Test("403 before the subscription's start: recorded as permission, its own gap category, not retried unless forced")
    func permission() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.01", "--faults", "403:before=2024-03-14"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        let run = try CLI.run(["process-range", "2024-03-12", "2024-03-15", "--parallel-dates", "1"] + archive.settings)
        #expect(run.status == 1)
        #expect(run.stdout.contains("2 date(s) archived, 2 failed"), "\(run.stdout)")
        #expect(run.stdout.contains("The subscription does not include this data (HTTP 403)"), "\(run.stdout)")
        #expect(run.stdout.contains("thetadata.subscription"))
        for date in ["2024-03-12", "2024-03-13"] {
            let record = try #require(try archive.record(date))
            #expect(record.status == .failed && record.errorType == "permission", "\(date): \(record)")
        }
        // One request each (the contract list), never retried by the client.
        #expect(try injected(simulator)["403"] == 2)

        let gaps = try CLI.run(["gaps", "--start-date", "2024-03-12", "--end-date", "2024-03-15", "--format", "json"] + archive.settings)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(gaps.stdout.utf8)) as? [String: Any])
        let symbol = try #require((json["symbols"] as? [[String: Any]])?.first)
        #expect((symbol["by_category"] as? [String: Int])?["permission"] == 2, "\(gaps.stdout)")
        let table = try CLI.run(["gaps", "--start-date", "2024-03-12", "--end-date", "2024-03-15"] + archive.settings)
        #expect(table.stdout.contains("not in subscription"), "\(table.stdout)")

        let retry = try CLI.run(["retry", "--all-failed"] + archive.settings)
        #expect(retry.status == 1)
        #expect(retry.stderr.contains("skipped SPX greeks 2024-03-12: the subscription does not cover it"), "\(retry.stderr)")
        let dryRun = try CLI.run(["process-gaps", "--dry-run", "--start-date", "2024-03-12"] + archive.settings)
        #expect(dryRun.stdout.contains("2 not in the subscription left to `spx-data retry DATE --force`"), "\(dryRun.stdout)")
        #expect(!dryRun.stdout.contains("2024-03-12  "), "\(dryRun.stdout)")
        #expect(try injected(simulator)["403"] == 2, "nothing was asked again")

        // After an upgrade: forced, it is asked again and archived.
        let healthy = try SimulatorProcess(["--port", "0", "--scale", "0.01"])
        defer { _ = healthy.stop() }
        let forced = try CLI.run(["retry", "2024-03-12", "--force", "--yes"] + archive.settings(baseURL: healthy.baseURL()))
        #expect(forced.status == 0, "\(forced.stdout) \(forced.stderr)")
        #expect(try archive.record("2024-03-12")?.status == .success)
    }

    @Test("500 BadSession: retried with backoff and archived; when it persists, three tries, then 'restart the Terminal'")
    func badSession() throws {
        let passing = try SimulatorProcess(["--port", "0", "--scale", "0.01", "--faults", "500:n=2"])
        defer { _ = passing.stop() }
        let archive = try ArchiveDirectory(passing)
        let ok = try CLI.run(["process", "2024-03-15"] + archive.settings)
        #expect(ok.status == 0, "\(ok.stdout) \(ok.stderr)")
        #expect(try injected(passing)["500"] == 2)
        let transient = try archive.store().errors().filter { $0.errorType == "transient" }
        #expect(transient.contains { $0.contextData?.contains("\"code\":\"serverError\",\"status\":500") == true }, "\(transient)")

        let stuck = try SimulatorProcess(["--port", "0", "--scale", "0.01", "--faults", "500"])
        defer { _ = stuck.stop() }
        let failed = try CLI.run(["process", "2024-03-14"] + archive.settings(baseURL: stuck.baseURL()))
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("BadSession") && failed.stdout.contains("restart the Terminal")
                && failed.stdout.contains("Two Terminals"), "\(failed.stdout)")
        #expect(try archive.record("2024-03-14")?.errorType == "terminal_serverError")
        #expect(try injected(stuck)["500"] == 3, "the contract list was tried three times in all")
    }

    @Test("400 for the current day: pending at vendor when asked early, not retried; a request error otherwise, with its words")
    func currentDay() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.01", "--faults", "400:date=2024-03-15"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        let early = try CLI.run(["process", "today", "--force"] + archive.settings, environment: ["SPX_DATA_NOW": "2024-03-15T15:00"])
        #expect(early.status == 1)
        #expect(early.stdout.contains("Cannot fetch current-day data without specifying an expiration"), "\(early.stdout)")
        #expect(early.stdout.contains("not available yet") && early.stdout.contains("Nothing is lost"), "\(early.stdout)")
        #expect(try archive.record("2024-03-15")?.errorType == "pending_at_vendor")
        let refused = try injected(simulator)["400"] ?? 0
        #expect(refused >= 1 && refused <= 4, "one request per expiration in flight, none retried: \(refused)")
        let gaps = try CLI.run(["gaps", "--start-date", "2024-03-15", "--end-date", "2024-03-15"] + archive.settings,
                               environment: ["SPX_DATA_NOW": "2024-03-15T18:00"])
        #expect(gaps.stdout.contains("pending at vendor"), "\(gaps.stdout)")

        // The same answer for a day long published is a request error, kept with the Terminal's words.
        let late = try CLI.run(["process", "2024-03-15"] + archive.settings, environment: ["SPX_DATA_NOW": "2024-03-20T12:00"])
        #expect(late.status == 1)
        #expect(try archive.record("2024-03-15")?.errorType == "terminal_badRequest")
        #expect(late.stdout.contains("HTTP 400") && late.stdout.contains("Cannot fetch current-day data"), "\(late.stdout)")
    }

    @Test("the night after a session (00:00-01:45 New York) 'no such data' for that day is pending at vendor; after 01:45 a failure")
    func nightlyWindow() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.01", "--faults", "400:date=2024-03-14"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        let night = try CLI.run(["process", "2024-03-14"] + archive.settings, environment: ["SPX_DATA_NOW": "2024-03-15T00:40"])
        #expect(night.status == 1)
        #expect(try archive.record("2024-03-14")?.errorType == "pending_at_vendor")
        #expect(night.stdout.contains("between 00:00 and 01:45 New York") && night.stdout.contains("Nothing is lost"), "\(night.stdout)")
        let retry = try CLI.run(["retry", "--all-failed"] + archive.settings, environment: ["SPX_DATA_NOW": "2024-03-15T02:00"])
        #expect(retry.stdout.contains("retry SPX greeks 2024-03-14") && retry.stdout.contains("was pending_at_vendor"), "\(retry.stdout)")
        #expect(try archive.record("2024-03-14")?.errorType == "terminal_badRequest")
        // A Terminal that is down at night is said to be down, not pending.
        let down = try CLI.run(["process", "2024-03-13"] + archive.settings(baseURL: "http://127.0.0.1:1"),
                               environment: ["SPX_DATA_NOW": "2024-03-14T00:40"])
        #expect(down.status == 1 && down.stdout.contains("Start the Theta Terminal"), "\(down.stdout)")
        #expect(try archive.record("2024-03-13")?.errorType == "terminal_connectionRefused")
    }

    @Test("410 on v2 paths of a v3 Terminal: a configuration error that stops the range, naming the API version")
    func gone() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.01"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        let run = try CLI.run(["process-range", "2024-03-12", "2024-03-15", "--parallel-dates", "1",
                               "--set", "thetadata.apiVersion=v2"] + archive.settings)
        #expect(run.status == 1)
        #expect(run.stdout.contains("0 date(s) archived, 1 failed"), "\(run.stdout)")
        #expect(run.stdout.contains("HTTP 410") && run.stdout.contains("thetadata.apiVersion"), "\(run.stdout)")
        #expect(run.stdout.contains("3 date(s) not started"), "\(run.stdout)")
        #expect(try archive.record("2024-03-12")?.errorType == "terminal_gone")
        #expect(try archive.record("2024-03-13") == nil)
    }

    @Test("a 472 and a body with only its header are empty expirations: recorded empty, the day archived, no gap")
    func emptyExpirations() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.05", "--faults", "472:exp=2024-03-15;empty:exp=2024-03-18"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        let run = try CLI.run(["process", "2024-03-15"] + archive.settings)
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        // SPX and SPXW both expire on 2024-03-15 (two 472s); only SPXW on 2024-03-18.
        #expect(run.stdout.contains("3 expiration(s) empty at the vendor"), "\(run.stdout)")
        let counts = try injected(simulator)
        #expect(counts["472"] == 2 && counts["empty"] == 1, "\(counts)")
        let progress = try archive.store().expirationProgress(symbol: "SPX", dataset: "greeks", date: "2024-03-15")
        let empty = Set(progress.filter { $0.status == .empty }.map(\.expiration))
        #expect(empty == ["2024-03-15", "2024-03-18"], "\(progress.map { ($0.root, $0.expiration, $0.status) })")
        #expect(progress.allSatisfy { $0.status == .staged || $0.status == .empty })
        let metrics = try #require(try archive.store().performance(date: "2024-03-15").first).metrics
        #expect(metrics["empty_expirations"] == Double(progress.count { $0.status == .empty }))
        let gaps = try CLI.run(["gaps", "--start-date", "2024-03-15", "--end-date", "2024-03-15"] + archive.settings)
        #expect(gaps.stdout.contains("1 complete, 0 gaps"), "\(gaps.stdout)")
    }

    @Test("quiet intervals are kept as served and counted: the ledger's count is the file's rows with bid = ask = 0")
    func quietIntervals() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.01", "--quiet-share", "0.1"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        let run = try CLI.run(["process", "2024-03-15"] + archive.settings)
        #expect(run.status == 0, "\(run.stderr)")
        let reader = try ParquetFileReader(path: archive.file("2024-03-15"))
        var quiet = 0, rows = 0, placeholders = 0
        for group in reader.metadata.rowGroups.indices {
            func doubles(_ name: String) throws -> [Double] {
                guard case .double(let v) = try reader.readColumn(rowGroup: group, column: reader.schema.index(of: name)!).values
                else { return [] }
                return v
            }
            let bid = try doubles("bid"), ask = try doubles("ask"), ivError = try doubles("iv_error")
            rows += bid.count
            for i in bid.indices where bid[i] == 0 && ask[i] == 0 {
                quiet += 1
                if ivError[i] == 100 { placeholders += 1 }
            }
        }
        #expect(quiet > rows / 20 && quiet < rows / 5, "\(quiet) of \(rows)")
        #expect(placeholders == quiet, "every quiet greeks row carries iv_error 100")
        let metrics = try #require(try archive.store().performance(date: "2024-03-15").first).metrics
        #expect(metrics["quiet_rows"] == Double(quiet))
        let share = try #require(metrics["quiet_share"])
        #expect(abs(share - Double(quiet) / Double(rows)) < 1e-12)
        #expect(run.stdout.contains("\(quiet) quiet interval row(s) kept as served"), "\(run.stdout)")
    }
}

@Suite("A first bar priced off the previous close", .serialized)
struct PreviousCloseTests {
    /// Every value of `name` in the file, in row order.
    func column(_ reader: ParquetFileReader, _ name: String) throws -> [Int64] {
        var out: [Int64] = []
        for group in reader.metadata.rowGroups.indices {
            switch try reader.readColumn(rowGroup: group, column: try #require(reader.schema.index(of: name))).values {
            case .int64(let v): out += v
            case .int32(let v): out += v.map(Int64.init)
            default: break
            }
        }
        return out
    }

    @Test("v3: the 09:30 rows keep the previous session's date in underlying_timestamp; the others their own day")
    func v3KeepsTheDate() throws {
        let simulator = try SimulatorProcess(["--port", "0", "--scale", "0.01", "--first-bar-previous-close"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        let run = try CLI.run(["process", "2024-03-15"] + archive.settings)
        #expect(run.status == 0, "\(run.stderr)")
        let reader = try ParquetFileReader(path: archive.file("2024-03-15"))
        let times = try column(reader, "timestamp"), underlying = try column(reader, "underlying_timestamp")
        let msOfDay = try column(reader, "ms_of_day")
        // 2024-03-14 16:00 and 2024-03-15 09:30 New York (EDT, UTC-4), in ms since 1970.
        let previousClose: Int64 = 1_710_446_400_000, open: Int64 = 1_710_509_400_000
        var firstBars = 0
        for i in times.indices {
            if msOfDay[i] == 34_200_000 {
                firstBars += 1
                #expect(underlying[i] >= previousClose && underlying[i] < previousClose + 60_000, "row \(i): \(underlying[i])")
            } else {
                #expect(underlying[i] >= open && underlying[i] <= times[i], "row \(i)")
            }
        }
        #expect(firstBars > 0 && firstBars < times.count)
    }

    @Test("v2: ms_of_day2 of the 09:30 rows is the previous close's time of day, kept as sent without a date")
    func v2KeepsTheTimeOfDay() throws {
        let simulator = try SimulatorProcess(["--api", "v2", "--port", "0", "--scale", "0.01", "--first-bar-previous-close"])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        let run = try CLI.run(["process", "2024-03-15", "--set", "thetadata.apiVersion=v2"] + archive.settings)
        #expect(run.status == 0, "\(run.stderr)")
        let reader = try ParquetFileReader(path: archive.file("2024-03-15"))
        #expect(reader.schema.index(of: "underlying_timestamp") == nil)
        let msOfDay = try column(reader, "ms_of_day"), underlying = try column(reader, "ms_of_day2")
        for i in msOfDay.indices where msOfDay[i] == 34_200_000 {
            #expect(underlying[i] >= 57_600_000 && underlying[i] < 57_660_000, "row \(i): \(underlying[i])")
        }
        #expect(msOfDay.contains(34_200_000))
    }
}

@Suite("Every 2026 behaviour at once", .serialized)
struct EveryBehaviourTests {
    @Test("a week against a Terminal answering all of them: each day archived or typed, nothing half-written, verify passes")
    func allAtOnce() throws {
        let simulator = try SimulatorProcess([
            "--port", "0", "--scale", "0.02", "--quiet-share", "0.05", "--first-bar-previous-close",
            "--faults", "403:before=2024-03-12;500:n=2;400:date=2024-03-15;empty:exp=2024-03-13;472:exp=2024-03-14;429:p=0.05",
        ])
        defer { _ = simulator.stop() }
        let archive = try ArchiveDirectory(simulator)
        let afternoon = ["SPX_DATA_NOW": "2024-03-15T15:00"]
        let run = try CLI.run(["process-range", "2024-03-11", "today", "--parallel-dates", "1"] + archive.settings,
                              environment: afternoon)
        #expect(run.status == 1, "the 403 day fails the run")
        #expect(run.stderr.contains("1 session(s) not published by ThetaData yet"), "\(run.stderr)")
        #expect(run.stdout.contains("3 date(s) archived, 1 failed"), "\(run.stdout)")
        let forced = try CLI.run(["process", "today", "--force"] + archive.settings, environment: afternoon)
        #expect(forced.status == 1)

        let outcomes = try Dictionary(uniqueKeysWithValues: archive.store().processingRecords().map { ($0.date, $0) })
        #expect(outcomes["2024-03-11"]?.errorType == "permission")
        for date in ["2024-03-12", "2024-03-13", "2024-03-14"] { #expect(outcomes[date]?.status == .success, "\(date)") }
        #expect(outcomes["2024-03-15"]?.errorType == "pending_at_vendor")

        // Nothing half-written: the tree holds whole files and their sidecars only, every one sound.
        let files = try FileManager.default.subpathsOfDirectory(atPath: archive.path + "/archive")
            .filter { $0.hasSuffix(".parquet") || $0.contains(".parquet.") }.sorted()
        #expect(files == ["12", "13", "14"].flatMap { day in
            ["2024/03/\(day)/spx-options-2024-03-\(day).parquet", "2024/03/\(day)/spx-options-2024-03-\(day).parquet.sha256"]
        }, "\(files)")
        let verify = try CLI.run(["verify", "--all"] + archive.settings)
        #expect(verify.status == 0 && verify.stdout.contains("3 of 3 file(s) sound"), "\(verify.stdout)")
        let counts = try injected(simulator)
        #expect(counts["403"] ?? 0 >= 1 && counts["500"] == 2 && counts["empty"] ?? 0 >= 1 && counts["400"] ?? 0 >= 1, "\(counts)")
        let gaps = try CLI.run(["gaps", "--start-date", "2024-03-11", "--format", "json"] + archive.settings, environment: afternoon)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(gaps.stdout.utf8)) as? [String: Any])
        let symbol = try #require((json["symbols"] as? [[String: Any]])?.first)
        #expect((symbol["by_category"] as? [String: Int])?["permission"] == 1)
        #expect(symbol["pending_at_vendor"] as? [String] == ["2024-03-15"], "\(gaps.stdout)")
    }
}
