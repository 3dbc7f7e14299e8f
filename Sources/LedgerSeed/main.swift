import Foundation
import StateStore

// Fills a ledger with synthetic history for scripts/bench-ledger:
//   ledger-seed DB [RECORDS] [ERRORS]      defaults 10000 and 50000
// Records cover SPX, SPY, QQQ and IWM greeks over consecutive weekdays from 2010-01-04;
// about one in ten fails, and errors are spread over the failed dates. Deterministic.

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: ledger-seed DB [RECORDS] [ERRORS]\n".utf8))
    exit(64)
}
let path = arguments[1]
let recordCount = arguments.count > 2 ? Int(arguments[2]) ?? 10_000 : 10_000
let errorCount = arguments.count > 3 ? Int(arguments[3]) ?? 50_000 : 50_000
let symbols = ["SPX", "SPY", "QQQ", "IWM"]

/// SplitMix64, so that every run seeds the same ledger.
struct Generator: RandomNumberGenerator {
    var state: UInt64 = 42
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

var random = Generator()
var calendar = Calendar(identifier: .gregorian)
calendar.timeZone = .gmt
var day = calendar.date(from: DateComponents(year: 2010, month: 1, day: 4))!
var weekdays: [String] = []
let perSymbol = (recordCount + symbols.count - 1) / symbols.count
while weekdays.count < perSymbol {
    if !calendar.isDateInWeekend(day) {
        let c = calendar.dateComponents([.year, .month, .day], from: day)
        weekdays.append(String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!))
    }
    day = calendar.date(byAdding: .day, value: 1, to: day)!
}

var records: [ProcessingRecord] = []
var failed: [ProcessingRecord] = []
for index in 0..<recordCount {
    let symbol = symbols[index % symbols.count], date = weekdays[index / symbols.count]
    let roll = Int.random(in: 0..<100, using: &random)
    let status: ProcessingRecord.Status = roll < 88 ? .success : roll < 98 ? .failed : .queued
    let rows = Int64.random(in: 2_000_000...12_000_000, using: &random)
    let ms = Int64.random(in: 60_000...900_000, using: &random)
    let stamp = date + "T22:00:00Z"
    let record = ProcessingRecord(
        symbol: symbol, dataset: "greeks", date: date, status: status, startedAt: stamp,
        completedAt: status == .queued ? nil : stamp, recordCount: status == .success ? rows : nil,
        expirationCount: Int.random(in: 40...90, using: &random), fileSizeBytes: status == .success ? rows * 9 : nil,
        checksum: status == .success ? String(repeating: "ab", count: 32) : nil,
        errorMessage: status == .failed ? "connection refused by 127.0.0.1:25503" : nil,
        errorType: status == .failed ? "connection_refused" : nil, retryCount: status == .failed ? 3 : 0,
        processingDurationMs: status == .queued ? nil : ms, apiRequestsMade: Int.random(in: 40...200, using: &random),
        memoryPeakMb: Int.random(in: 100...200, using: &random), createdAt: stamp, updatedAt: stamp)
    records.append(record)
    if status == .failed { failed.append(record) }
}
if var last = records.last {
    last.status = .processing
    last.processId = 1
    records[records.count - 1] = last
}

let types = ["connection_refused", "rate_limited", "timeout", "disconnected", "malformed_body", "request_too_large"]
var errors: [ErrorRecord] = []
let owners = failed.isEmpty ? records : failed
for index in 0..<errorCount {
    let owner = owners[index % owners.count]
    errors.append(ErrorRecord(
        symbol: owner.symbol, dataset: owner.dataset, date: owner.date, errorType: types[Int.random(in: 0..<types.count, using: &random)],
        errorMessage: "synthetic failure \(index)", retryAttempt: index % 4,
        occurredAt: owner.date + String(format: "T%02d:%02d:00Z", 14 + index % 8, index % 60),
        resolvedAt: index % 3 == 0 ? owner.date + "T23:00:00Z" : nil, resolutionMethod: index % 3 == 0 ? "retry" : nil))
}

do {
    let store = try StateStore(path: path)
    try store.save(records)
    try store.record(errors: errors)
    try store.setConfiguration(.startDate, to: weekdays[0])
    print("seeded \(path): \(records.count) processing records, \(errors.count) errors")
} catch {
    FileHandle.standardError.write(Data("ledger-seed: \(error)\n".utf8))
    exit(1)
}
