/// Writes the rows of a plan in one output format, one contract's run of rows at a time,
/// so a whole expiration never sits in memory.
struct ChainEncoder {
    var format: OutputFormat
    var dataset: Dataset
    /// v2 JSON header values.
    var v2Header = V2Header()
    private var slicesWritten = 0

    init(format: OutputFormat, dataset: Dataset, v2Header: V2Header = V2Header()) {
        self.format = format
        self.dataset = dataset
        self.v2Header = v2Header
    }

    mutating func prologue(into s: inout ByteSink) {
        switch format {
        case .v3CSV:
            s.text((Dataset.v3ContractFields + dataset.v3Fields).joined(separator: ",")); s.text("\r\n")
        case .v2CSV:
            s.text((Dataset.v2ContractFields + dataset.v2Fields).joined(separator: ",")); s.text("\n")
        case .v3JSON:
            s.text("{\"response\":[")
        case .v2JSON:
            s.text("{\"header\":")
            v2Header.write(format: dataset.v2Fields, into: &s)
            s.text(",\"response\":[")
        case .v3NDJSON:
            break
        }
    }

    /// Writes `rows`, all of `contract`. `corruption(i)` breaks row `i` of this run on purpose.
    mutating func append(_ contract: Contract, _ rows: ArraySlice<OptionRow>, into s: inout ByteSink,
                         corruption: (Int) -> Corruption? = { _ in nil }) {
        defer { slicesWritten += 1 }
        let room = Self.rowRoom + contract.root.utf8.count
        let dataset = dataset
        /// Each row in room reserved for it, with its deliberate corruption and whether it is the run's first.
        func eachRow(_ line: (inout ByteCursor, OptionRow, Corruption?, Bool) -> Void) {
            for (n, r) in rows.enumerated() {
                let broken = corruption(n)
                s.write(reserving: room) { line(&$0, r, broken, n == 0) }
            }
        }
        /// A JSON item holding the contract and its rows: `,` between items, `head`, the rows
        /// separated by commas, then `]}`.
        func nested(head: (inout ByteCursor) -> Void, row: (inout ByteCursor, OptionRow, Corruption?) -> Void) {
            if slicesWritten > 0 { s.byte(UInt8(ascii: ",")) }
            s.write(reserving: room, head)
            eachRow { c, r, broken, first in
                if !first { c.byte(UInt8(ascii: ",")) }
                row(&c, r, broken)
            }
            s.text("]}")
        }
        switch format {
        case .v3CSV:
            eachRow { c, r, broken, _ in
                var i = 0
                c.v3Contract(contract, .csv, &i)
                c.v3Values(r, dataset, .csv, &i, corruption: broken)
                c.ascii("\r\n")
            }
        case .v3NDJSON:
            eachRow { c, r, broken, _ in
                var i = 0
                c.byte(UInt8(ascii: "{"))
                c.v3Contract(contract, .jsonObject, &i)
                c.v3Values(r, dataset, .jsonObject, &i, corruption: broken)
                c.ascii("}\n")
            }
        case .v3JSON:
            nested(head: { c in
                var i = 0
                c.ascii("{\"contract\":{")
                c.v3Contract(contract, .jsonObject, &i)
                c.ascii("},\"data\":[")
            }, row: { c, r, broken in
                var j = 0
                c.byte(UInt8(ascii: "{"))
                c.v3Values(r, dataset, .jsonObject, &j, corruption: broken)
                c.byte(UInt8(ascii: "}"))
            })
        case .v2JSON:
            nested(head: { c in
                c.ascii("{\"contract\":{\"root\":\""); c.text(contract.root)
                c.ascii("\",\"expiration\":"); c.compactDate(contract.expiration)
                c.ascii(",\"strike\":"); c.int(contract.strike)
                c.ascii(",\"right\":\""); c.ascii(contract.right == .call ? "C" : "P")
                c.ascii("\"},\"ticks\":[")
            }, row: { c, r, broken in
                var j = 0
                c.byte(UInt8(ascii: "["))
                c.v2Values(r, dataset, .jsonArray, &j, corruption: broken)
                c.byte(UInt8(ascii: "]"))
            })
        case .v2CSV:
            eachRow { c, r, broken, _ in
                c.text(contract.root); c.byte(UInt8(ascii: ","))
                c.compactDate(contract.expiration); c.byte(UInt8(ascii: ","))
                c.int(contract.strike); c.byte(UInt8(ascii: ","))
                c.ascii(contract.right == .call ? "C" : "P"); c.byte(UInt8(ascii: ","))
                var j = 0
                c.v2Values(r, dataset, .csv, &j, corruption: broken)
                c.byte(UInt8(ascii: "\n"))
            }
        }
    }

    /// Room for one row less its root: the longest row (v3 NDJSON greeks with every key, a
    /// stray field and 20-digit numbers) is about 600 bytes.
    static let rowRoom = 1024

    func epilogue(into s: inout ByteSink) {
        switch format {
        case .v3JSON, .v2JSON: s.text("]}")
        case .v3CSV, .v3NDJSON, .v2CSV: break
        }
    }
}

/// The v2 JSON header. "null" is a string, as the real Terminal sends it.
struct V2Header: Hashable, Sendable {
    var id = 0
    var latencyMs = 0
    var errorType = "null"
    var errorMessage = "null"
    var nextPage = "null"

    func write(format: [String], into s: inout ByteSink) {
        s.text("{\"id\":"); s.int(id)
        s.text(",\"latency_ms\":"); s.int(latencyMs)
        s.text(",\"error_type\":"); s.text(Self.quoted(errorType))
        s.text(",\"error_msg\":"); s.text(Self.quoted(errorMessage))
        s.text(",\"next_page\":"); s.text(Self.quoted(nextPage))
        s.text(",\"format\":[")
        s.text(format.map { "\"\($0)\"" }.joined(separator: ","))
        s.text("]}")
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for ch in text.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }
}
