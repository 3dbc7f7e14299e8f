import Parquet

/// The path for lines in canonical form, which is how the Terminal's rows are staged: every
/// schema key once, in schema order, no whitespace, no nulls, strings without escapes.
///
/// Such a line is the sequence `{"k0":v0,"k1":v1,…}`, so each separator and key is one
/// pattern compare and each value goes straight to its column, with none of the general
/// path's bookkeeping (duplicate and missing keys, whitespace, unknown keys). Any other line
/// leaves this path with nothing stored, and the general path decodes it (or explains why
/// it cannot).
extension NDJSONBatchDecoder {
    /// `{"k0":`, `,"k1":`, … for `names`.
    static func canonicalPatterns(_ names: [String]) -> KeyPatterns {
        KeyPatterns(patterns: names.enumerated().map { c, name in Array("\(c == 0 ? "{" : ",")\"\(name)\":".utf8) })
    }

    /// Decodes `line` if it is in canonical form; false, with nothing stored, if it is not.
    @inline(__always)
    mutating func decodeCanonical(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
        var p = LineParser(base, count: count, lineNumber: 0)
        let columns = store.kinds.count
        guard columns > 0 else { return false }
        for c in 0..<columns {
            let matched = canonicalKeys.match(c, at: p.cursor, remaining: p.remaining)
            guard matched > 0 else { return undo(columns: c) }
            p.skip(matched)
            guard storeCanonicalValue(&p, column: c) else { return undo(columns: c) }
        }
        guard p.remaining == 1, p.peek() == UInt8(ascii: "}") else { return undo(columns: columns) }
        return true
    }

    /// Stores the value at the cursor in column `c` if it is a non-null value of its type.
    @inline(__always)
    private mutating func storeCanonicalValue(_ p: inout LineParser, column c: Int) -> Bool {
        switch store.kinds[c] {
        case .double:
            guard let v = p.readDouble() else { return false }
            store.arena.append(v, column: c)
        case .int32:
            guard let v = p.readInt32() else { return false }
            store.arena.append(v, column: c)
        case .int64:
            guard let v = p.readInt64() else { return false }
            store.arena.append(v, column: c)
        case .string:
            guard p.peek() == UInt8(ascii: "\""), let token = try? p.scanString(), !token.hasEscapes else { return false }
            store.strings[store.stringSlots[c]].append(
                UnsafeRawBufferPointer(start: p.base + token.start, count: token.stop - token.start))
        case .bool:
            guard let v = p.readBool() else { return false }
            store.arena.append(v, column: c)
        }
        if store.nullable[c] { store.appendPresent(column: c) }
        return true
    }

    /// Removes the values the first `columns` columns stored for this line; returns false.
    private mutating func undo(columns: Int) -> Bool {
        for c in 0..<columns { store.removeLast(column: c) }
        return false
    }
}
