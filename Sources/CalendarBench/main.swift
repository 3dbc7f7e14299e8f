// Times the gap engine and the calendar in-process and prints medians; scripts/bench-calendar
// builds it in release and runs it. Not a test: timings depend on the machine.
//
//   calendar-bench [--records N] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--runs N]
import Foundation
import GapAnalysis
import MarketCalendar

struct Options {
    var records = 10_000
    var from = CivilDate(year: 1990, month: 1, day: 1)!
    var to = NewYorkTime.date(at: UTCInstant(secondsSince1970: Int64(Date().timeIntervalSince1970)))
    var runs = 21

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BenchError("\(flag) needs a value") }
            switch flag {
            case "--records": records = try Self.count(value, flag)
            case "--runs": runs = try Self.count(value, flag)
            case "--from": from = try CivilDate(parsing: value)
            case "--to": to = try CivilDate(parsing: value)
            default: throw BenchError("unknown option \(flag); use --records, --from, --to, --runs")
            }
        }
        guard from <= to else { throw BenchError("--from \(from) is after --to \(to)") }
    }

    static func count(_ text: String, _ flag: String) throws -> Int {
        guard let n = Int(text), n > 0 else { throw BenchError("\(flag) '\(text)' is not a positive number") }
        return n
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// SplitMix64, so every run times the same ledger.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A ledger of `count` records on distinct days of `range` (weekends and holidays included,
/// as a real ledger may hold them), mostly successes.
func ledger(_ count: Int, in range: ClosedRange<CivilDate>) -> [ProcessingRecord] {
    var rng = SplitMix(state: 42)
    let days = Array(range).shuffled(using: &rng).prefix(count)
    return days.map { date in
        let roll = Int.random(in: 0..<100, using: &rng)
        let status: ProcessingStatus = switch roll {
        case ..<70: .success
        case ..<80: .failed
        case ..<85: .processing
        case ..<90: .noData
        case ..<95: .pending
        default: .skipped
        }
        let total = Int.random(in: 20...60, using: &rng)
        return ProcessingRecord(date: date, status: status, attempts: status == .pending ? 0 : Int.random(in: 1...4, using: &rng),
                                lastError: status == .failed ? "HTTP 500 from the Terminal" : nil,
                                progress: ExpirationProgress(done: status == .success ? total : Int.random(in: 0...total, using: &rng),
                                                             total: total))
    }
}

/// Median, minimum and maximum milliseconds of `runs` calls of `body`.
func time(runs: Int, _ body: () -> Int) -> (median: Double, min: Double, max: Double, result: Int) {
    let clock = ContinuousClock()
    var samples: [Double] = []
    var result = 0
    for _ in 0..<runs {
        let elapsed = clock.measure { result = body() }
        samples.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
    }
    samples.sort()
    return (samples[samples.count / 2], samples.first!, samples.last!, result)
}

func ms(_ value: Double) -> String { String(format: "%.2f ms", value) }

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let range = options.from...options.to
    try NYSECalendar.checkSupported(range)
    let records = ledger(options.records, in: range)
    let model = DaySizeModel(expirationsPerDay: 40, requestsPerExpiration: 1, rowsPerExpiration: 25_000, bytesPerRow: 20,
                             secondsPerRequest: 1.5)
    let analyzer = GapAnalyzer(configuration: GapConfiguration(sizeModel: model))
    let report = analyzer.analyze(range, records: records, today: options.to)

    let gaps = time(runs: options.runs) { analyzer.analyze(range, records: records, today: options.to).gaps.count }
    print("gap analysis \(range.lowerBound)..\(range.upperBound): \(report.sessions) sessions, \(records.count) ledger records, "
        + "\(report.gaps.count) gaps")
    print("  median \(ms(gaps.median)) over \(options.runs) runs (min \(ms(gaps.min)), max \(ms(gaps.max))); "
        + String(format: "bar 50 ms: %.0fx under", 50 / gaps.median))

    let wide = CivilDate(year: 1970, month: 1, day: 1)!...CivilDate(year: 2035, month: 12, day: 31)!
    let sessions = time(runs: options.runs) { NYSECalendar.nyse.sessionCount(in: wide) }
    print("sessions 1970-01-01..2035-12-31: \(sessions.result) sessions, median \(ms(sessions.median))")

    let checks = time(runs: options.runs) { wide.reduce(0) { NYSECalendar.nyse.isSession($1) ? $0 + 1 : $0 } }
    print("isSession on each of \(wide.count) days: median \(ms(checks.median)) "
        + String(format: "(%.0f ns a call)", checks.median * 1e6 / Double(wide.count)))
} catch {
    FileHandle.standardError.write(Data("calendar-bench: \(error)\n".utf8))
    exit(2)
}
