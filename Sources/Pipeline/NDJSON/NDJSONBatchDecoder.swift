public import Parquet

/// Decodes NDJSON lines of a known schema straight into column storage, a batch at a time.
///
/// Each line must be one JSON object holding the schema's keys, in any order, with
/// whitespace wherever JSON allows it. Keys are tried in the schema's order first (how
/// writers emit them): one word compare of `"key":` at the cursor. Numbers are parsed to
/// exact values in the pass that finds their end, and strings without escapes are copied
/// straight from the line into the column.
///
/// A line that fails leaves the decoder exactly as it was: whatever the line had stored is
/// removed again before the error is thrown, so callers may skip bad lines and go on.
///
/// Blank lines (nothing but whitespace) are not rows: `decode` returns `false` for them and
/// stores nothing. Callers that want to tell them apart beforehand can use `isBlank`.
public struct NDJSONBatchDecoder {
    /// What to do with keys that are not in the schema.
    public enum UnknownKeyPolicy: Sendable {
        /// Skip the key and its value, nested objects and arrays included.
        case ignore
        /// Fail the line with `NDJSONError.Code.unknownField`.
        case reject
    }

    /// The columns every line is decoded into.
    public let schema: NDJSONSchema
    /// What happens to keys outside the schema.
    public let unknownKeys: UnknownKeyPolicy
    /// Rows decoded since the last `takeBatch`.
    public private(set) var rowCount = 0

    let keyPatterns: KeyPatterns
    /// Separator and key per column for lines in canonical form (see `decodeCanonical`).
    let canonicalKeys: KeyPatterns
    let names: [[UInt8]]
    var store: ColumnStore
    /// `seen[c] == stamp` when the current line has set column `c`; the stamp moves on each
    /// line, so nothing needs clearing between lines.
    var seen: [UInt64]
    var stamp: UInt64 = 0
    /// Unescaped keys and strings.
    var scratch: [UInt8] = []

    /// A decoder of lines holding `schema`'s keys.
    ///
    /// - Parameter batchCapacity: rows per batch the storage is reserved for; batches may
    ///   grow past it, at the cost of reallocating.
    public init(schema: NDJSONSchema, unknownKeys: UnknownKeyPolicy = .ignore, batchCapacity: Int = 65_536) {
        self.schema = schema
        self.unknownKeys = unknownKeys
        names = schema.columns.map { Array($0.name.utf8) }
        keyPatterns = KeyPatterns(schema.columns.map(\.name))
        canonicalKeys = Self.canonicalPatterns(schema.columns.map(\.name))
        store = ColumnStore(schema: schema, capacity: batchCapacity)
        seen = Array(repeating: 0, count: schema.columns.count)
    }

    /// Whether `line` holds nothing but JSON whitespace (and so is not a row).
    public static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        line.allSatisfy(LineParser.isWhitespace)
    }

    /// Decodes one line and appends it as a row.
    ///
    /// - Parameter lineNumber: the 1-based number errors report.
    /// - Returns: `true` when a row was added, `false` for a blank line.
    /// - Throws: `NDJSONError` naming the line, the field when there is one, the byte
    ///   position and what was expected. Nothing of the line is kept then.
    @discardableResult
    public mutating func decode(line: UnsafeRawBufferPointer, lineNumber: Int) throws(NDJSONError) -> Bool {
        guard let base = line.baseAddress, !line.isEmpty else { return false }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        store.makeUnique()
        if decodeCanonical(bytes, count: line.count) {
            rowCount += 1
            return true
        }
        var parser = LineParser(bytes, count: line.count, lineNumber: lineNumber)
        parser.skipWhitespace()
        if parser.atEnd { return false }
        stamp &+= 1
        do {
            try decodeObject(&parser)
        } catch {
            rollback()
            throw error
        }
        rowCount += 1
        return true
    }

    /// Hands over the decoded rows, one `ColumnBatch` per schema column in schema order,
    /// and leaves the decoder empty and ready for the next batch. A column's `validity` is
    /// nil when it has no nulls.
    public mutating func takeBatch() -> [ColumnBatch] {
        rowCount = 0
        return store.take()
    }

    private mutating func decodeObject(_ p: inout LineParser) throws(NDJSONError) {
        try p.expect(UInt8(ascii: "{"), "'{' (each line must be one JSON object)")
        p.skipWhitespace()
        let count = names.count
        var found = 0
        if p.peek() == UInt8(ascii: "}") {
            p.skip(1)
        } else {
            var expected = 0
            while true {
                let column: Int
                let keyStart = p.position
                let matched = expected < count ? keyPatterns.match(expected, at: p.cursor, remaining: p.remaining) : 0
                if matched > 0 {
                    p.skip(matched)
                    column = expected
                } else {
                    column = try readKey(&p)
                }
                p.skipWhitespace()
                if column >= 0 {
                    guard seen[column] != stamp else {
                        throw p.error(.duplicateField, "the key appears twice in the line", field: schema.columns[column].name,
                                      at: keyStart)
                    }
                    try decodeValue(&p, column: column)
                    seen[column] = stamp
                    found += 1
                    expected = column + 1
                } else {
                    try p.skipValue()
                }
                p.skipWhitespace()
                guard let next = p.peek(), next == UInt8(ascii: ",") || next == UInt8(ascii: "}") else {
                    throw p.unexpected("',' or '}' after a value")
                }
                p.skip(1)
                if next == UInt8(ascii: "}") { break }
                p.skipWhitespace()
            }
        }
        p.skipWhitespace()
        guard p.atEnd else {
            throw p.error(.malformedJSON, "unexpected \(p.describeValue()) after the object; each line must hold one JSON object")
        }
        if found < count { try fillMissing(p) }
    }

    /// Reads a key that is not the expected one, and the ':' after it: the column it names,
    /// or -1 for a key outside the schema when those are ignored.
    private mutating func readKey(_ p: inout LineParser) throws(NDJSONError) -> Int {
        let keyStart = p.position
        guard p.peek() == UInt8(ascii: "\"") else { throw p.unexpected("a key in double quotes") }
        let token = try p.scanString()
        var column = -1
        if token.hasEscapes {
            scratch.removeAll(keepingCapacity: true)
            p.unescape(token, into: &scratch)
            column = names.firstIndex(of: scratch) ?? -1
        } else {
            let key = UnsafeRawBufferPointer(start: p.base + token.start, count: token.stop - token.start)
            column = names.firstIndex { $0.elementsEqual(key) } ?? -1
        }
        if column < 0 && unknownKeys == .reject {
            if !token.hasEscapes {
                scratch.removeAll(keepingCapacity: true)
                p.unescape(token, into: &scratch)
            }
            let key = String(decoding: scratch, as: UTF8.self)
            let known = schema.columns.map(\.name).joined(separator: ", ")
            throw p.error(.unknownField, "unknown key \"\(key)\"; the schema has \(known)", at: keyStart)
        }
        p.skipWhitespace()
        try p.expect(UInt8(ascii: ":"), "':' after a key")
        return column
    }

    /// Records nulls for the nullable columns the line left out, or fails on the first
    /// required one.
    private mutating func fillMissing(_ p: LineParser) throws(NDJSONError) {
        for c in seen.indices where seen[c] != stamp {
            let column = schema.columns[c]
            guard column.nullable else {
                throw NDJSONError(.missingField, "the key \"\(column.name)\" is missing; every line needs it",
                                  line: p.lineNumber, field: column.name)
            }
            store.appendNull(column: c)
            seen[c] = stamp
        }
    }

    /// Removes whatever the failed line stored.
    private mutating func rollback() {
        for c in seen.indices where seen[c] == stamp {
            store.removeLast(column: c)
        }
    }
}
