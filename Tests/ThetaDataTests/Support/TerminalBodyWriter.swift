import MarketCalendar
import TestSupport
@testable import ThetaData

/// Writes rows the way the Terminal writes them, in each body format of one API version, for
/// round-trip tests.
struct TerminalBodyWriter {
    let dataset: Dataset
    /// The API the rows come from: they hold the columns it sends.
    var version: APIVersion = .v3
    /// An extra column the archive does not know, to check it is ignored with one warning.
    var unknownColumn: String?
    var random: SeededRandom

    /// Dates a date-time column may fall on: around the rows' date, across a month and a year end.
    static let nearbyDates: [Int32] = [2023_12_29, 2024_02_29, 2024_03_14, 2024_03_15]

    /// Random rows of `dataset`, sorted by contract as bulk responses group them.
    mutating func rows(count: Int) -> [OptionRow] {
        let columns = dataset.columns(in: version)
        let doubleCount = columns.filter { $0.type == .double }.count
        let integerColumns = columns.filter { $0.type != .double }
        let contracts = (0..<max(1, count / 5)).map { _ in
            ContractKey(
                root: Bool.random(using: &random) ? "SPXW" : "SPX",
                expiration: Int32(2024_01_01 + Int.random(in: 0...11, using: &random) * 100 + Int.random(in: 0...27, using: &random)),
                strike: Int64.random(in: 1...9_999_999, using: &random), right: Bool.random(using: &random) ? .call : .put)
        }.sorted { ($0.root, $0.expiration, $0.strike, $0.right.rawValue) < ($1.root, $1.expiration, $1.strike, $1.right.rawValue) }
        return (0..<count).map { i in
            let contract = contracts[i * contracts.count / count]
            let msOfDay = randomMs()
            let doubles: [Double?] = (0..<doubleCount).map { _ in randomDouble() }
            let integers: [Int64?] = integerColumns.map { column in
                // The row's own time, written once as the time column (v3 EOD's `created`).
                if column.name(in: version) == dataset.endpoint(version).timeColumn { return Self.wallClock(2024_03_15, msOfDay) }
                if Int.random(in: 0..<10, using: &random) == 0 { return nil }
                switch column.type {
                case .timeOfDay: return Int64(randomMs())
                case .dateTime:
                    let date = Self.nearbyDates[Int.random(in: 0..<Self.nearbyDates.count, using: &random)]
                    return Self.wallClock(date, Int32.random(in: 0..<86_400_000, using: &random))
                default: return Int64.random(in: -5...100_000, using: &random)
                }
            }
            return OptionRow(
                contract: contract, date: 2024_03_15, msOfDay: msOfDay, doubles: doubles, integers: integers)
        }
    }

    /// New York wall-clock ms of a date and ms of day, as batches carry `.dateTime` values.
    static func wallClock(_ date: Int32, _ ms: Int32) -> Int64 {
        let day = CivilDate(year: Int(date / 10_000), month: Int(date / 100 % 100), day: Int(date % 100))!
        return Int64(day.daysSince1970) * 86_400_000 + Int64(ms)
    }

    /// The v3 text of a wall-clock value (its date is one of `nearbyDates`).
    func dateTimeText(_ wallClock: Int64) -> String {
        let day = wallClock / 86_400_000
        let date = Self.nearbyDates.first { Self.wallClock($0, 0) / 86_400_000 == day }!
        return timestamp(date, Int32(wallClock - day * 86_400_000))
    }

    private mutating func randomMs() -> Int32 {
        Int32.random(in: 34_200_000...57_600_000, using: &random)
    }

    private mutating func randomDouble() -> Double? {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return nil
        case 1: return Double(bitPattern: UInt64.random(in: 0x3000_0000_0000_0000...0x4100_0000_0000_0000, using: &random))
        case 2: return -Double(Int.random(in: 0...1_000_000, using: &random)) / 10_000
        default: return Double(Int.random(in: 0...10_000_000, using: &random)) / 100
        }
    }

    // MARK: Formats

    mutating func body(_ rows: [OptionRow], format: BodyFormat) -> [UInt8] {
        switch format {
        case .v3CSV: return v3CSV(rows)
        case .v3NDJSON: return v3NDJSON(rows)
        case .v2JSON: return v2JSON(rows)
        case .v2CSV: return v2CSV(rows)
        }
    }

    /// Value columns `version` writes besides the row's time: (name, index into doubles or
    /// integers, type).
    private func valueColumns(_ version: APIVersion) -> [(name: String, index: Int, type: Dataset.ColumnType)] {
        precondition(version == self.version, "rows of \(self.version) written as \(version)")
        var d = 0, n = 0
        var out: [(String, Int, Dataset.ColumnType)] = []
        for column in dataset.columns(in: version) {
            let index = column.type == .double ? d : n
            if column.type == .double { d += 1 } else { n += 1 }
            guard let name = column.name(in: version), name != dataset.endpoint(version).timeColumn else { continue }
            out.append((name, index, column.type))
        }
        return out
    }

    private func value(_ row: OptionRow, _ column: (name: String, index: Int, type: Dataset.ColumnType), _ version: APIVersion) -> String? {
        switch column.type {
        case .double: return row.doubles[column.index].map { "\($0)" }
        case .integer: return row.integers[column.index].map { "\($0)" }
        case .timeOfDay:
            guard let ms = row.integers[column.index] else { return nil }
            return version == .v2 ? "\(ms)" : timestamp(row.date, Int32(ms))
        case .dateTime:
            return row.integers[column.index].map(dateTimeText)
        }
    }

    func isoDate(_ d: Int32) -> String {
        let s = String(d)
        return "\(s.prefix(4))-\(s.dropFirst(4).prefix(2))-\(s.suffix(2))"
    }

    func dollars(_ strike: Int64) -> String {
        let fraction = String(strike % 1000)
        return "\(strike / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// `2024-03-15T09:30:00.000`, with the fraction shortened as the Terminal sometimes does.
    func timestamp(_ date: Int32, _ ms: Int32) -> String {
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let seconds = ms / 1000
        var text = "\(isoDate(date))T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
        var fraction = String(ms % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if !fraction.isEmpty || ms % 7 == 0 { text += "." + (fraction.isEmpty ? "000" : fraction) }
        return text
    }

    private mutating func v3Right(_ right: OptionRight) -> String {
        let names = right == .call ? ["CALL", "call", "C"] : ["PUT", "put", "P"]
        return names[Int.random(in: 0..<3, using: &random)]
    }

    private mutating func csvLines(header: [String], fields: [[String]], lineEnd: String) -> [UInt8] {
        var text = header.joined(separator: ",") + lineEnd
        for row in fields { text += row.joined(separator: ",") + lineEnd }
        return Array(text.utf8)
    }

    mutating func v3CSV(_ rows: [OptionRow]) -> [UInt8] {
        let columns = valueColumns(.v3).shuffled(using: &random)
        var header = ["symbol", "expiration", "strike", "right", dataset.v3.timeColumn] + columns.map(\.name)
        if let unknownColumn { header.insert(unknownColumn, at: 4) }
        let fields = rows.map { row in
            var f = [
                Bool.random(using: &random) ? "\"\(row.contract.root)\"" : row.contract.root,
                isoDate(row.contract.expiration), dollars(row.contract.strike), v3Right(row.contract.right),
                timestamp(row.date, row.msOfDay),
            ] + columns.map { value(row, $0, .v3) ?? "" }
            if unknownColumn != nil { f.insert("\"a, \"\"quoted\"\" x\"", at: 4) }
            return f
        }
        return csvLines(header: header, fields: fields, lineEnd: "\r\n")
    }

    mutating func v3NDJSON(_ rows: [OptionRow]) -> [UInt8] {
        let columns = valueColumns(.v3)
        var text = ""
        for row in rows {
            var members = [
                "\"symbol\":\"\(row.contract.root)\"", "\"expiration\":\"\(isoDate(row.contract.expiration))\"",
                "\"strike\":\(dollars(row.contract.strike))", "\"right\":\"\(v3Right(row.contract.right))\"",
                "\"\(dataset.v3.timeColumn)\":\"\(timestamp(row.date, row.msOfDay))\"",
            ]
            for column in columns {
                let v = value(row, column, .v3)
                let quoted = column.type == .timeOfDay || column.type == .dateTime
                members.append("\"\(column.name)\":" + (v.map { quoted ? "\"\($0)\"" : $0 } ?? "null"))
            }
            if let unknownColumn { members.append("\"\(unknownColumn)\":{\"nested\":[1,2]}") }
            text += "{" + members.shuffled(using: &random).joined(separator: ",") + "}\n"
        }
        return Array(text.utf8)
    }

    mutating func v2CSV(_ rows: [OptionRow]) -> [UInt8] {
        let columns = valueColumns(.v2)
        var header = ["root", "expiration", "strike", "right", "ms_of_day"] + columns.map(\.name) + ["date"]
        if let unknownColumn { header.append(unknownColumn) }
        let fields = rows.map { row in
            var f = [row.contract.root, "\(row.contract.expiration)", "\(row.contract.strike)", "\(row.contract.right)", "\(row.msOfDay)"]
                + columns.map { value(row, $0, .v2) ?? "" } + ["\(row.date)"]
            if unknownColumn != nil { f.append("7") }
            return f
        }
        return csvLines(header: header, fields: fields, lineEnd: "\n")
    }

    mutating func v2JSON(_ rows: [OptionRow], nextPage: String? = nil) -> [UInt8] {
        let columns = valueColumns(.v2)
        var format = ["ms_of_day"] + columns.map(\.name) + ["date"]
        if let unknownColumn { format.append(unknownColumn) }
        let formatText = format.map { "\"\($0)\"" }.joined(separator: ",")
        var text = "{\"header\":{\"id\":3,\"latency_ms\":37,\"error_type\":\"null\",\"error_msg\":\"null\","
            + "\"next_page\":\"\(nextPage ?? "null")\",\"format\":[\(formatText)]},\"response\":["
        var items: [String] = []
        var start = 0
        while start < rows.count {
            var end = start
            while end < rows.count && rows[end].contract == rows[start].contract { end += 1 }
            let c = rows[start].contract
            let ticks = rows[start..<end].map { row in
                var values = ["\(row.msOfDay)"] + columns.map { value(row, $0, .v2) ?? "null" } + ["\(row.date)"]
                if unknownColumn != nil { values.append("\"x\"") }
                return "[" + values.joined(separator: ",") + "]"
            }
            items.append(
                "{\"contract\":{\"root\":\"\(c.root)\",\"expiration\":\(c.expiration),\"strike\":\(c.strike),\"right\":\"\(c.right)\"},"
                    + "\"ticks\":[" + ticks.joined(separator: ",\n") + "]}")
            start = end
        }
        text += items.joined(separator: ",") + "]}"
        return Array(text.utf8)
    }
}

/// Cuts bytes into chunks of random sizes (1 byte up to `maxChunk`).
func randomChunks(_ bytes: [UInt8], maxChunk: Int, using random: inout SeededRandom) -> [[UInt8]] {
    var chunks: [[UInt8]] = []
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + Int.random(in: 1...maxChunk, using: &random))
        chunks.append(Array(bytes[start..<end]))
        start = end
    }
    return chunks
}

/// Decodes chunks as the client would; the rows and the report.
func decode(_ chunks: [[UInt8]], dataset: Dataset, format: BodyFormat, batchSize: Int = 7) throws -> ([OptionRow], DecodeReport) {
    var decoder = BodyDecoder(dataset: dataset, format: format, batchSize: batchSize)
    var rows: [OptionRow] = []
    for chunk in chunks {
        try chunk.withUnsafeBytes { try decoder.feed($0) }
        for batch in decoder.takeBatches() { rows += batch }
    }
    try decoder.finish()
    for batch in decoder.takeBatches() { rows += batch }
    return (rows, decoder.report)
}
