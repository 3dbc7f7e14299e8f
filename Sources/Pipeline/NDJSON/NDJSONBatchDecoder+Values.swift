import Parquet

/// Decoding one value into its column, and explaining values that do not fit.
extension NDJSONBatchDecoder {
    @inline(__always)
    mutating func decodeValue(_ p: inout LineParser, column c: Int) throws(NDJSONError) {
        switch store.kinds[c] {
        case .double:
            if let v = p.readDouble() {
                store.arena.append(v, column: c)
            } else {
                return try decodeOther(&p, column: c)
            }
        case .int32:
            if let v = p.readInt32() {
                store.arena.append(v, column: c)
            } else {
                return try decodeOther(&p, column: c)
            }
        case .string:
            guard p.peek() == UInt8(ascii: "\"") else { return try decodeOther(&p, column: c) }
            let token: LineParser.StringToken
            do {
                token = try p.scanString()
            } catch {
                throw naming(error, c)
            }
            let slot = store.stringSlots[c]
            if token.hasEscapes {
                scratch.removeAll(keepingCapacity: true)
                p.unescape(token, into: &scratch)
                store.strings[slot].append(scratch)
            } else {
                store.strings[slot].append(UnsafeRawBufferPointer(start: p.base + token.start, count: token.stop - token.start))
            }
        case .int64:
            if let v = p.readInt64() {
                store.arena.append(v, column: c)
            } else {
                return try decodeOther(&p, column: c)
            }
        case .bool:
            if let v = p.readBool() {
                store.arena.append(v, column: c)
            } else {
                return try decodeOther(&p, column: c)
            }
        }
        if store.nullable[c] { store.appendPresent(column: c) }
    }

    /// `error` with the name of column `c` as its field.
    private func naming(_ error: NDJSONError, _ c: Int) -> NDJSONError {
        var named = error
        named.field = schema.columns[c].name
        return named
    }

    /// A value the fast paths did not take: `null` for a nullable column, else an error.
    private mutating func decodeOther(_ p: inout LineParser, column c: Int) throws(NDJSONError) {
        let column = schema.columns[c]
        if p.startsWithLiteral("null") {
            p.skip(4)
            guard column.nullable else {
                throw p.error(.typeMismatch, "expected \(column.kind), found null; the column is not nullable",
                              field: column.name, at: p.position - 4)
            }
            store.appendNull(column: c)
            return
        }
        throw mismatch(p, column)
    }

    /// Why the value at the cursor does not fit `column`: a well-formed JSON value of
    /// another type, an integer beyond the column's range, or no valid JSON value at all.
    private func mismatch(_ p: LineParser, _ column: NDJSONColumn) -> NDJSONError {
        let found = p.describeValue()
        let expected = "expected \(column.kind), found \(found)"
        guard let c = p.peek() else { return p.error(.malformedJSON, expected, field: column.name) }
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "["):
            return p.error(.typeMismatch, expected, field: column.name)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            let valid = p.startsWithLiteral("true") || p.startsWithLiteral("false") || p.startsWithLiteral("null")
            return p.error(valid ? .typeMismatch : .malformedJSON, expected, field: column.name)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard let (_, stop) = DecimalParser.scanDecimal(p.base, from: p.position, to: p.end) else {
                return p.error(.malformedJSON, "\(expected), which is not a valid JSON number", field: column.name)
            }
            let token = UnsafeRawBufferPointer(start: p.base + p.position, count: stop - p.position)
            let isInteger = token.allSatisfy { DecimalParser.isDigit($0) || $0 == UInt8(ascii: "-") }
            if isInteger && (column.kind == .int32 || column.kind == .int64) {
                let range = column.kind == .int32 ? "\(Int32.min)...\(Int32.max)" : "\(Int64.min)...\(Int64.max)"
                return p.error(.outOfRange, "\(expected), outside \(range)", field: column.name)
            }
            return p.error(.typeMismatch, expected, field: column.name)
        default:
            return p.error(.malformedJSON, expected, field: column.name)
        }
    }
}
