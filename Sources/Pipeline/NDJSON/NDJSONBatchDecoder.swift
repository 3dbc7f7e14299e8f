public import Parquet

/// Decodes NDJSON lines of a known schema straight into column storage.
///
/// Keys are matched by name, trying the schema's order first (how writers emit them) with
/// one comparison of `"key":`; numbers are parsed in the same pass that finds their end;
/// values go to raw column memory. A line that fails leaves no trace: whatever it had
/// stored is rolled back.
public struct NDJSONBatchDecoder {
    public enum UnknownKeyPolicy: Sendable { case ignore, reject }

    let schema: NDJSONSchema
    let unknownKeys: UnknownKeyPolicy
    let names: [[UInt8]]
    /// `"name":` for each column, the bytes a line holds when written without spaces.
    let keyPatterns: KeyPatterns
    let kinds: [NDJSONColumn.Kind]
    let nullable: [Bool]
    let arena: ColumnArena
    /// String columns by column index (nil for other kinds).
    var strings: [ByteArrayColumn?]
    /// Per-column presence, for nullable columns only.
    var validity: [[Bool]?]
    /// Columns the current line has filled, as bits (schemas have at most 64 columns here).
    var seen: UInt64 = 0
    let allColumns: UInt64
    var scratch: [UInt8] = []
    public private(set) var rowCount = 0
    private let batchCapacity: Int

    public init(schema: NDJSONSchema, unknownKeys: UnknownKeyPolicy = .ignore, batchCapacity: Int = 65_536) {
        self.schema = schema
        self.unknownKeys = unknownKeys
        self.batchCapacity = batchCapacity
        names = schema.columns.map { Array($0.name.utf8) }
        keyPatterns = KeyPatterns(schema.columns.map(\.name))
        kinds = schema.columns.map(\.kind)
        nullable = schema.columns.map(\.nullable)
        arena = ColumnArena(widths: schema.columns.map { Self.width($0.kind) }, capacity: batchCapacity)
        strings = schema.columns.map { $0.kind == .string ? ByteArrayColumn(minimumCapacity: batchCapacity, averageLength: 4) : nil }
        validity = schema.columns.map { $0.nullable ? [] : nil }
        precondition(schema.columns.count <= 64, "an NDJSON schema has at most 64 columns")
        allColumns = schema.columns.count == 64 ? ~0 : (1 << UInt64(schema.columns.count)) - 1
    }

    private static func width(_ kind: NDJSONColumn.Kind) -> Int {
        switch kind {
        case .string: 0
        case .int32: 4
        case .int64, .double: 8
        case .bool: 1
        }
    }

    /// Decodes one line into a row. Returns false (and adds nothing) for a blank line.
    @discardableResult
    public mutating func decode(line: UnsafeRawBufferPointer, lineNumber: Int) throws(NDJSONError) -> Bool {
        var parser = LineParser(line, lineNumber: lineNumber)
        parser.skipWhitespace()
        if parser.atEnd { return false }
        seen = 0
        do {
            try decodeObject(&parser)
        } catch {
            rollback()
            throw error
        }
        rowCount += 1
        return true
    }

    private mutating func decodeObject(_ p: inout LineParser) throws(NDJSONError) {
        try p.expect(UInt8(ascii: "{"), "a JSON object")
        p.skipWhitespace()
        var expected = 0
        let count = names.count
        if p.peek() == UInt8(ascii: "}") {
            p.advance()
        } else {
            while true {
                var column = -1
                let matched = expected < count ? keyPatterns.match(expected, at: p.base + p.i, remaining: p.count - p.i) : 0
                if matched > 0 {
                    p.skip(matched)
                    column = expected
                } else {
                    column = try matchKey(&p)
                    p.skipWhitespace()
                    try p.expect(UInt8(ascii: ":"), "':' after a key")
                }
                p.skipWhitespace()
                if column < 0 {
                    try p.skipValue()
                } else {
                    if seen & (1 << UInt64(column)) != 0 {
                        throw p.error(.duplicateField, "the key appears twice in one line", field: schema.columns[column].name)
                    }
                    try decodeValue(&p, column: column)
                    seen |= 1 << UInt64(column)
                    expected = column + 1
                }
                p.skipWhitespace()
                let c = try p.next("',' or '}'")
                if c == UInt8(ascii: "}") { break }
                guard c == UInt8(ascii: ",") else {
                    throw p.error(.malformedJSON, "expected ',' or '}' after a value, found \(LineParser.show(c))")
                }
                p.skipWhitespace()
            }
        }
        p.skipWhitespace()
        guard p.atEnd else { throw p.error(.malformedJSON, "unexpected text after the object") }
        if seen == allColumns { return }
        for c in 0..<count where seen & (1 << UInt64(c)) == 0 {
            guard nullable[c] else {
                throw NDJSONError(.missingField, "the key is missing; every line needs it", line: p.lineNumber, field: schema.columns[c].name)
            }
            validity[c]!.append(false)
            seen |= 1 << UInt64(c)
        }
    }

    /// The column a key names, or -1 for a key outside the schema (when those are ignored).
    private mutating func matchKey(_ p: inout LineParser) throws(NDJSONError) -> Int {
        // Escaped keys are decoded into a copy; plain ones are compared in place.
        let raw = try p.readKey(into: &scratch)
        let decoded = raw == nil ? scratch : []
        for c in names.indices {
            if let raw { if LineParser.equal(raw, names[c]) { return c } } else if decoded == names[c] { return c }
        }
        if unknownKeys == .reject {
            let key = raw.map { String(decoding: $0, as: UTF8.self) } ?? String(decoding: decoded, as: UTF8.self)
            throw p.error(.unknownField, "unknown key \"\(key)\"; the schema has \(schema.columns.map(\.name).joined(separator: ", "))")
        }
        return -1
    }

    private mutating func decodeValue(_ p: inout LineParser, column c: Int) throws(NDJSONError) {
        let kind = kinds[c]
        if p.peek() == UInt8(ascii: "n") {
            try p.literal("null")
            guard nullable[c] else {
                throw p.error(.typeMismatch, "expected \(kind), found null", field: schema.columns[c].name)
            }
            validity[c]!.append(false)
            return
        }
        switch kind {
        case .double:
            guard let v = p.readDouble() else { throw typeError(&p, c) }
            arena.append(v, column: c)
        case .int32:
            guard let v = p.readInt32() else { throw typeError(&p, c) }
            arena.append(v, column: c)
        case .int64:
            guard let v = p.readInt64() else { throw typeError(&p, c) }
            arena.append(v, column: c)
        case .string:
            guard p.peek() == UInt8(ascii: "\"") else { throw typeError(&p, c) }
            try p.readString(into: &strings[c]!, scratch: &scratch, field: schema.columns[c].name)
        case .bool:
            if p.peek() == UInt8(ascii: "t") {
                try p.literal("true")
                arena.append(true, column: c)
            } else if p.peek() == UInt8(ascii: "f") {
                try p.literal("false")
                arena.append(false, column: c)
            } else {
                throw typeError(&p, c)
            }
        }
        if nullable[c] { validity[c]!.append(true) }
    }

    /// Explains why the value at the cursor does not fit column `c`.
    private func typeError(_ p: inout LineParser, _ c: Int) -> NDJSONError {
        let column = schema.columns[c]
        let token = p.tokenText()
        if column.kind == .int32, let bytes = Array(token.utf8) as [UInt8]?,
           bytes.withUnsafeBytes({ DecimalParser.parseInt64($0) }) != nil {
            return p.error(.outOfRange, "\(token) does not fit \(column.kind)", field: column.name)
        }
        return p.error(.typeMismatch, "expected \(column.kind), found \(token.isEmpty ? "nothing" : "\"\(token)\"")", field: column.name)
    }

    /// Undoes whatever the failed line stored.
    private mutating func rollback() {
        for c in kinds.indices where seen & (1 << UInt64(c)) != 0 {
            if validity[c] != nil, let last = validity[c]!.popLast(), !last { continue }  // a null stored no value
            if kinds[c] == .string { strings[c]!.removeLast() } else { arena.removeLast(column: c) }
        }
    }

    /// Hands over the decoded rows, one batch per column, and starts empty.
    public mutating func takeBatch() -> [ColumnBatch] {
        var result: [ColumnBatch] = []
        for c in kinds.indices {
            let values: ColumnValues
            switch kinds[c] {
            case .string:
                values = .byteArray(strings[c]!)
                strings[c] = ByteArrayColumn(minimumCapacity: batchCapacity, averageLength: 4)
            case .int32: values = .int32(arena.take(column: c, as: Int32.self))
            case .int64: values = .int64(arena.take(column: c, as: Int64.self))
            case .double: values = .double(arena.take(column: c, as: Double.self))
            case .bool: values = .boolean(arena.take(column: c, as: Bool.self))
            }
            var presence = validity[c]
            if let p = presence, !p.contains(false) { presence = nil }
            if validity[c] != nil { validity[c] = [] }
            result.append(ColumnBatch(values, validity: presence))
        }
        rowCount = 0
        return result
    }
}
