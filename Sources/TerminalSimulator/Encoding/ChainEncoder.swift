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
        var n = 0
        switch format {
        case .v3CSV:
            for r in rows {
                var i = 0
                s.v3Contract(contract, .csv, &i)
                s.v3Values(r, dataset, .csv, &i, corruption: corruption(n)); n += 1
                s.text("\r\n")
            }
        case .v3NDJSON:
            for r in rows {
                var i = 0
                s.byte(UInt8(ascii: "{"))
                s.v3Contract(contract, .jsonObject, &i)
                s.v3Values(r, dataset, .jsonObject, &i, corruption: corruption(n)); n += 1
                s.text("}\n")
            }
        case .v3JSON:
            if slicesWritten > 0 { s.byte(UInt8(ascii: ",")) }
            var i = 0
            s.text("{\"contract\":{")
            s.v3Contract(contract, .jsonObject, &i)
            s.text("},\"data\":[")
            for r in rows {
                if n > 0 { s.byte(UInt8(ascii: ",")) }
                var j = 0
                s.byte(UInt8(ascii: "{"))
                s.v3Values(r, dataset, .jsonObject, &j, corruption: corruption(n)); n += 1
                s.byte(UInt8(ascii: "}"))
            }
            s.text("]}")
        case .v2JSON:
            if slicesWritten > 0 { s.byte(UInt8(ascii: ",")) }
            s.text("{\"contract\":{\"root\":\""); s.text(contract.root)
            s.text("\",\"expiration\":"); s.compactDate(contract.expiration)
            s.text(",\"strike\":"); s.int(contract.strike)
            s.text(",\"right\":\""); s.text(contract.right.rawValue)
            s.text("\"},\"ticks\":[")
            for r in rows {
                if n > 0 { s.byte(UInt8(ascii: ",")) }
                var j = 0
                s.byte(UInt8(ascii: "["))
                s.v2Values(r, dataset, .jsonArray, &j, corruption: corruption(n)); n += 1
                s.byte(UInt8(ascii: "]"))
            }
            s.text("]}")
        case .v2CSV:
            for r in rows {
                s.text(contract.root); s.byte(UInt8(ascii: ","))
                s.compactDate(contract.expiration); s.byte(UInt8(ascii: ","))
                s.int(contract.strike); s.byte(UInt8(ascii: ","))
                s.text(contract.right.rawValue); s.byte(UInt8(ascii: ","))
                var j = 0
                s.v2Values(r, dataset, .csv, &j, corruption: corruption(n)); n += 1
                s.byte(UInt8(ascii: "\n"))
            }
        }
    }

    func epilogue(into s: inout ByteSink) {
        switch format {
        case .v3JSON, .v2JSON: s.text("]}")
        case .v3CSV, .v3NDJSON, .v2CSV: break
        }
    }
}

/// The v2 JSON header. "null" is a string, as the real Terminal sends it.
struct V2Header {
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
