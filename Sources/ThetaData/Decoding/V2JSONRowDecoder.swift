/// Reads a v2 JSON body, `{"header":{...},"response":[...]}`, fed in chunks of any size.
///
/// `response` items are rows (`[v, v, ...]` ordered as `header.format`) or, from bulk
/// endpoints, contracts with their rows (`{"contract":{...},"ticks":[[...],...]}`). Rows are
/// decoded one at a time as they complete, so memory holds one row, not one contract.
/// The header must come before `response`, as the Terminal writes it.
struct V2JSONRowDecoder {
    var assembler: RowAssembler
    private(set) var header: V2Header?
    private var pending: [UInt8] = []
    private var slots: [ColumnSlot] = []
    private var state = State.start

    private enum State {
        case start
        /// Inside the top object, before a key or `}`.
        case topLevel
        /// Inside `response`, before an item, `,` or `]`.
        case response
        /// Inside a bulk item's object, before a key, `,` or `}`.
        case bulkItem
        /// Inside a bulk item's `ticks`, before a row, `,` or `]`.
        case ticks
        case done
    }

    init(assembler: RowAssembler) {
        self.assembler = assembler
    }

    mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(BodyDecodingError) {
        if pending.isEmpty {
            let used = try parse(bytes)
            if used < bytes.count { pending.append(contentsOf: bytes[used...]) }
        } else {
            pending.append(contentsOf: bytes)
            var result: Result<Int, BodyDecodingError> = .success(0)
            pending.withUnsafeBytes { buffer in
                do throws(BodyDecodingError) { result = .success(try parse(buffer)) } catch { result = .failure(error) }
            }
            pending.removeFirst(try result.get())
        }
    }

    mutating func finish() throws(BodyDecodingError) {
        let rest = pending.filter { !JSONScanner.isSpace($0) }
        guard state == .done, rest.isEmpty else {
            throw BodyDecodingError(message: "v2 JSON body ends before its closing brackets")
        }
        assembler.flush()
    }

    /// Consumes every complete unit; returns how many bytes were used.
    private mutating func parse(_ bytes: UnsafeRawBufferPointer) throws(BodyDecodingError) -> Int {
        guard let p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        let end = bytes.count
        var i = 0
        while true {
            JSONScanner.skipSpaces(p, &i, end)
            guard i < end else { return i }
            let c = p[i]
            switch state {
            case .start:
                guard c == UInt8(ascii: "{") else { throw BodyDecodingError(message: "v2 JSON body does not start with '{'") }
                state = .topLevel
                i += 1
            case .topLevel:
                if c == UInt8(ascii: ",") {
                    i += 1
                } else if c == UInt8(ascii: "}") {
                    state = .done
                    i += 1
                } else {
                    guard let next = try topLevelMember(p, at: i, end) else { return i }
                    i = next
                }
            case .response, .ticks:
                if c == UInt8(ascii: ",") {
                    i += 1
                } else if c == UInt8(ascii: "]") {
                    state = state == .response ? .topLevel : .bulkItem
                    i += 1
                } else if c == UInt8(ascii: "{") && state == .response {
                    state = .bulkItem
                    assembler.fixedContract = nil
                    i += 1
                } else if c == UInt8(ascii: "[") {
                    guard let next = try arrayRow(p, from: i, end) else { return i }
                    i = next
                } else {
                    guard let close = JSONScanner.valueEnd(p, from: i, end) else { return i }
                    scalarRow(p, from: i, to: close)
                    i = close
                }
            case .bulkItem:
                if c == UInt8(ascii: ",") {
                    i += 1
                } else if c == UInt8(ascii: "}") {
                    state = .response
                    i += 1
                } else {
                    guard let next = try bulkMember(p, at: i, end) else { return i }
                    i = next
                }
            case .done:
                throw BodyDecodingError(message: "v2 JSON body has bytes after its end")
            }
        }
    }

    /// `"key": value` of the top object; nil when it is not complete yet.
    private mutating func topLevelMember(_ p: UnsafePointer<UInt8>, at i: Int, _ end: Int) throws(BodyDecodingError) -> Int? {
        guard let (key, valueStart) = try memberKey(p, at: i, end) else { return nil }
        if key == "response" {
            guard valueStart < end else { return nil }
            guard p[valueStart] == UInt8(ascii: "[") else { throw BodyDecodingError(message: "v2 response is not an array") }
            guard let header else { throw BodyDecodingError(message: "v2 response arrives before its header") }
            slots = assembler.bind(names: header.format)
            state = .response
            return valueStart + 1
        }
        guard let valueEnd = JSONScanner.valueEnd(p, from: valueStart, end) else { return nil }
        if key == "header" { header = try V2Header.parse(p, from: valueStart, to: valueEnd) }
        return valueEnd
    }

    /// `"contract": {...}` or `"ticks": [` of a bulk item; nil when not complete yet.
    private mutating func bulkMember(_ p: UnsafePointer<UInt8>, at i: Int, _ end: Int) throws(BodyDecodingError) -> Int? {
        guard let (key, valueStart) = try memberKey(p, at: i, end), valueStart < end else { return nil }
        if key == "ticks" {
            guard p[valueStart] == UInt8(ascii: "[") else { throw BodyDecodingError(message: "v2 ticks is not an array") }
            state = .ticks
            return valueStart + 1
        }
        guard let valueEnd = JSONScanner.valueEnd(p, from: valueStart, end) else { return nil }
        if key == "contract" {
            assembler.fixedContract = V2Contract.parse(p, from: valueStart, to: valueEnd)
            if assembler.fixedContract == nil { throw BodyDecodingError(message: "v2 bulk item has a malformed contract") }
        }
        return valueEnd
    }

    /// A key, its colon, and where its value starts (spaces skipped); nil when not complete.
    private func memberKey(_ p: UnsafePointer<UInt8>, at i: Int, _ end: Int) throws(BodyDecodingError) -> (String, Int)? {
        guard p[i] == UInt8(ascii: "\"") else { throw BodyDecodingError(message: "v2 JSON expected a key") }
        guard let key = V2Header.string(p, at: i, end) else { return nil }
        var j = key.next
        JSONScanner.skipSpaces(p, &j, end)
        guard j < end else { return nil }
        guard p[j] == UInt8(ascii: ":") else { throw BodyDecodingError(message: "v2 JSON expected ':' after \"\(key.text)\"") }
        j += 1
        JSONScanner.skipSpaces(p, &j, end)
        guard j < end else { return nil }
        return (key.text, j)
    }

    /// One row array, ordered as `header.format`, decoded in a single pass over its bytes;
    /// nil, with the row abandoned, when the row is not complete in the bytes yet.
    private mutating func arrayRow(_ p: UnsafePointer<UInt8>, from start: Int, _ end: Int) throws(BodyDecodingError) -> Int? {
        assembler.beginRow()
        var i = start + 1
        var field = 0
        while true {
            JSONScanner.skipSpaces(p, &i, end)
            guard i < end else { break }
            let c = p[i]
            if c == UInt8(ascii: "]") {
                assembler.endRow()
                return i + 1
            }
            if c == UInt8(ascii: ",") {
                i += 1
                field += 1
                continue
            }
            let nested = c == UInt8(ascii: "[") || c == UInt8(ascii: "{") || c == UInt8(ascii: "\"")
            guard let close = nested ? JSONScanner.valueEnd(p, from: i, end) : JSONScanner.scalarEnd(p, from: i, end)
            else { break }
            guard close > i else {
                assembler.abandonRow()
                throw BodyDecodingError(message: "v2 JSON row has '\(Character(Unicode.Scalar(c)))' where a value belongs")
            }
            value(p, from: i, to: close, field: field)
            i = close
        }
        assembler.abandonRow()
        return nil
    }

    /// A lone scalar: the one column of a list endpoint's row.
    private mutating func scalarRow(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) {
        assembler.beginRow()
        value(p, from: start, to: end, field: 0)
        assembler.endRow()
    }

    @inline(__always)
    private mutating func value(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, field: Int) {
        guard field < slots.count else { return }
        if p[start] == UInt8(ascii: "\"") {
            assembler.set(slots[field], p + start + 1, end - start - 2)
        } else if p[start] != UInt8(ascii: "[") && p[start] != UInt8(ascii: "{") {
            assembler.set(slots[field], p + start, end - start)
        }
    }
}

/// The `contract` object of a v2 bulk item: root, expiration (YYYYMMDD), strike (tenths of a
/// cent), right (`C`/`P`), in any order.
enum V2Contract {
    static func parse(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> ContractKey? {
        var root: String?, expiration: Int32?, strike: Int64?, right: OptionRight?
        var i = start + 1
        while i < end {
            JSONScanner.skipSpaces(p, &i, end)
            guard i < end, p[i] != UInt8(ascii: "}") else { break }
            if p[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard let key = V2Header.string(p, at: i, end) else { return nil }
            i = key.next
            JSONScanner.skipSpaces(p, &i, end)
            guard i < end, p[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            JSONScanner.skipSpaces(p, &i, end)
            guard let close = JSONScanner.valueEnd(p, from: i, end) else { return nil }
            let quoted = p[i] == UInt8(ascii: "\"")
            let valueStart = quoted ? i + 1 : i
            let count = quoted ? close - i - 2 : close - i
            switch key.text {
            case "root": root = String(decoding: UnsafeBufferPointer(start: p + valueStart, count: count), as: UTF8.self)
            case "expiration": expiration = FieldParser.date(p + valueStart, count)
            case "strike": strike = FieldParser.integer(p + valueStart, count)
            case "right": right = OptionRight(bytes: UnsafeRawBufferPointer(start: p + valueStart, count: count))
            default: break
            }
            i = close
        }
        guard let root, let expiration, let strike, let right else { return nil }
        return ContractKey(root: root, expiration: expiration, strike: strike, right: right)
    }
}
