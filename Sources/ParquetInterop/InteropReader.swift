import Parquet

enum InteropReader {
    static func canonicalJSON(_ reader: ParquetFileReader, verifyChecksums: Bool) throws -> String {
        let schema = reader.schema
        var columns: [String] = []
        for (c, column) in schema.columns.enumerated() {
            var values: [String] = []
            for g in reader.metadata.rowGroups.indices {
                var chunk = try reader.columnChunk(rowGroup: g, column: c, verifyChecksums: verifyChecksums)
                while let page = try chunk.nextPage() {
                    let rendered = render(page.values)
                    var next = 0
                    for row in 0..<page.rowCount {
                        if page.validity?[row] ?? true {
                            values.append(rendered[next])
                            next += 1
                        } else {
                            values.append("null")
                        }
                    }
                }
            }
            var fields = ["\"name\": \(quote(column.name))", "\"physical\": \"\(column.physicalType)\"",
                          "\"optional\": \(column.isOptional)", "\"logical\": \(logical(column.logicalType))"]
            if column.physicalType == .fixedLenByteArray, let n = column.typeLength { fields.append("\"type_length\": \(n)") }
            fields.append("\"values\": [\(values.joined(separator: ", "))]")
            columns.append("{" + fields.joined(separator: ", ") + "}")
        }
        let metadata = reader.metadata.keyValueMetadata.map { "\(quote($0.key)): \($0.value.map(quote) ?? "null")" }
        return "{\"columns\": [\n" + columns.joined(separator: ",\n") + "\n], \"metadata\": {" + metadata.joined(separator: ", ")
            + "}, \"num_rows\": \(reader.metadata.numRows)}\n"
    }

    static func render(_ values: ColumnValues) -> [String] {
        switch values {
        case .boolean(let a): a.map { $0 ? "true" : "false" }
        case .int32(let a): a.map { String($0) }
        case .int64(let a): a.map { String($0) }
        case .float(let a): a.map { "\"0x" + pad(String($0.bitPattern, radix: 16), 8) + "\"" }
        case .double(let a): a.map { "\"0x" + pad(String($0.bitPattern, radix: 16), 16) + "\"" }
        case .byteArray(let c), .fixedLenByteArray(let c): (0..<c.count).map { "\"" + Hex.encode(c[$0]) + "\"" }
        }
    }

    static func pad(_ s: String, _ n: Int) -> String { String(repeating: "0", count: max(0, n - s.count)) + s }

    static func logical(_ t: LogicalType?) -> String {
        switch t {
        case nil, .unknown?: "null"
        case .string?: "{\"type\": \"STRING\"}"
        case .date?: "{\"type\": \"DATE\"}"
        case .timestamp(let utc, let unit)?: "{\"type\": \"TIMESTAMP\", \"unit\": \"\(unit)\", \"utc\": \(utc)}"
        case .time(let utc, let unit)?: "{\"type\": \"TIME\", \"unit\": \"\(unit)\", \"utc\": \(utc)}"
        case .integer(let bits, let signed)?: "{\"type\": \"INTEGER\", \"bits\": \(bits), \"signed\": \(signed)}"
        case .decimal(let p, let s)?: "{\"type\": \"DECIMAL\", \"precision\": \(p), \"scale\": \(s)}"
        case .json?: "{\"type\": \"JSON\"}"
        case .bson?: "{\"type\": \"BSON\"}"
        case .uuid?: "{\"type\": \"UUID\"}"
        case .enumeration?: "{\"type\": \"ENUM\"}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += "\\u" + pad(String(u.value, radix: 16), 4) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
