/// Reads v3 NDJSON: one flat object per line, keys in any order, fed in chunks of any size.
struct NDJSONRowDecoder {
    var assembler: RowAssembler
    private var pending: [UInt8] = []
    /// The keys of the previous line by position, with their slots: lines nearly always repeat
    /// the same order, so a key is usually matched by one byte comparison.
    private var keyCache: [(key: [UInt8], slot: ColumnSlot)] = []
    private var malformedLine: String?

    init(assembler: RowAssembler) {
        self.assembler = assembler
    }

    mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        if pending.isEmpty {
            let used = parse(bytes, final: false)
            if used < bytes.count { pending.append(contentsOf: bytes[used...]) }
        } else {
            pending.append(contentsOf: bytes)
            let used = pending.withUnsafeBytes { parse($0, final: false) }
            pending.removeFirst(used)
        }
    }

    mutating func finish() {
        if !pending.isEmpty {
            _ = pending.withUnsafeBytes { parse($0, final: true) }
            pending.removeAll()
        }
        assembler.flush()
    }

    private mutating func parse(_ bytes: UnsafeRawBufferPointer, final: Bool) -> Int {
        guard let p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        var start = 0
        let end = bytes.count
        while start < end {
            var newline = start
            while newline < end && p[newline] != 0x0A { newline += 1 }
            if newline == end && !final { break }
            line(p, from: start, to: newline)
            start = min(newline + 1, end)
        }
        return start
    }

    private mutating func line(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) {
        var i = start
        JSONScanner.skipSpaces(p, &i, end)
        guard i < end else { return }  // a blank line
        assembler.beginRow()
        guard p[i] == UInt8(ascii: "{") else { return badLine() }
        i += 1
        var position = 0
        var unknown: [String] = []
        while true {
            JSONScanner.skipSpaces(p, &i, end)
            guard i < end else { return badLine() }
            if p[i] == UInt8(ascii: "}") { break }
            guard p[i] == UInt8(ascii: "\"") else { return badLine() }
            var escaped = false
            guard let keyEnd = JSONScanner.stringEnd(p, from: i + 1, end, escaped: &escaped) else { return badLine() }
            let slot = slotForKey(p + i + 1, keyEnd - i - 1, position: position, unknown: &unknown)
            position += 1
            i = keyEnd + 1
            JSONScanner.skipSpaces(p, &i, end)
            guard i < end, p[i] == UInt8(ascii: ":") else { return badLine() }
            i += 1
            JSONScanner.skipSpaces(p, &i, end)
            guard i < end else { return badLine() }
            if p[i] == UInt8(ascii: "\"") {
                var valueEscaped = false
                guard let close = JSONScanner.stringEnd(p, from: i + 1, end, escaped: &valueEscaped) else {
                    return badLine()
                }
                if valueEscaped {
                    let text = JSONScanner.unescape(p + i + 1, close - i - 1)
                    text.withUnsafeBufferPointer { assembler.set(slot, $0.baseAddress ?? p, $0.count) }
                } else {
                    assembler.set(slot, p + i + 1, close - i - 1)
                }
                i = close + 1
            } else if p[i] == UInt8(ascii: "{") || p[i] == UInt8(ascii: "[") {
                // Nested values are not part of any flat row the archive keeps.
                guard let close = JSONScanner.valueEnd(p, from: i, end) else { return badLine() }
                i = close
            } else {
                let close = JSONScanner.scalarEnd(p, from: i, end) ?? end
                assembler.set(slot, p + i, close - i)
                i = close
            }
            JSONScanner.skipSpaces(p, &i, end)
            guard i < end else { return badLine() }
            if p[i] == UInt8(ascii: ",") {
                i += 1
            } else if p[i] != UInt8(ascii: "}") {
                return badLine()
            }
        }
        assembler.noteUnknown(unknown)
        assembler.endRow()
    }

    @inline(__always)
    private mutating func slotForKey(
        _ p: UnsafePointer<UInt8>, _ count: Int, position: Int, unknown: inout [String]
    ) -> ColumnSlot {
        let bytes = UnsafeBufferPointer(start: p, count: count)
        if position < keyCache.count, keyCache[position].key.elementsEqual(bytes) {
            return keyCache[position].slot
        }
        let name = String(decoding: bytes, as: UTF8.self)
        let slot = assembler.slotsByName[name] ?? .ignored
        if slot == .ignored { unknown.append(name) }
        let entry = (key: Array(bytes), slot: slot)
        if position < keyCache.count { keyCache[position] = entry } else { keyCache.append(entry) }
        return slot
    }

    private mutating func badLine() {
        // endRow records the row as malformed when it lacks fields; a broken line is one.
        assembler.abandonRow()
        assembler.beginRow()
        assembler.endRow()
    }
}
