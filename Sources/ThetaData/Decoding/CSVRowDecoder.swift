/// Reads CSV (RFC 4180: quoted fields, doubled quotes, `\n` or `\r\n`) fed in chunks of any
/// size. The first record names the columns; fields are matched to the dataset by name.
///
/// Memory: a record cut by a chunk boundary is kept until the next chunk completes it; the
/// rest of each chunk is parsed in place.
struct CSVRowDecoder {
    var assembler: RowAssembler
    private var pending: [UInt8] = []
    private var slots: [ColumnSlot]?
    private var headerNames: [String] = []
    /// Unescaped copy of a quoted field that contained `""`.
    private var unescaped: [UInt8] = []

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

    /// Parses a last record that had no line end, and flushes the rows.
    mutating func finish() {
        if !pending.isEmpty {
            let used = pending.withUnsafeBytes { parse($0, final: true) }
            pending.removeFirst(used)
            // Only a quoted field never closed is left over: one malformed row.
            if !pending.isEmpty && slots != nil {
                assembler.beginRow()
                assembler.endRow()
                pending.removeAll()
            }
        }
        assembler.flush()
    }

    /// Parses every whole record in `bytes`; returns how many bytes they took.
    private mutating func parse(_ bytes: UnsafeRawBufferPointer, final: Bool) -> Int {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        var start = 0
        while start < bytes.count {
            guard let next = record(base, from: start, end: bytes.count, final: final) else { break }
            start = next
        }
        return start
    }

    /// One record from `start`: its fields go to the assembler (or become the header).
    /// Returns where the next record starts, or nil when the record is not complete yet.
    private mutating func record(_ p: UnsafePointer<UInt8>, from start: Int, end: Int, final: Bool) -> Int? {
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
        // Blank lines carry nothing.
        if p[start] == lf { return start + 1 }
        if p[start] == cr && start + 1 < end && p[start + 1] == lf { return start + 2 }
        let isHeader = slots == nil
        if isHeader { headerNames.removeAll() } else { assembler.beginRow() }
        var i = start
        var field = 0
        while true {
            var fieldStart = i
            var fieldEnd: Int
            var copied = false
            if i < end && p[i] == quote {
                // Quoted: runs to a quote not followed by another quote.
                i += 1
                fieldStart = i
                unescaped.removeAll(keepingCapacity: true)
                while true {
                    while i < end && p[i] != quote { i += 1 }
                    guard i + 1 < end || (final && i < end) else { return incomplete(isHeader) }
                    if i + 1 < end && p[i + 1] == quote {
                        unescaped.append(contentsOf: UnsafeBufferPointer(start: p + fieldStart, count: i + 1 - fieldStart))
                        i += 2
                        fieldStart = i
                        copied = true
                        continue
                    }
                    break
                }
                fieldEnd = i
                if copied { unescaped.append(contentsOf: UnsafeBufferPointer(start: p + fieldStart, count: i - fieldStart)) }
                i += 1
                // Anything between the closing quote and the separator is tolerated and dropped.
                while i < end && p[i] != comma && p[i] != lf { i += 1 }
            } else {
                while i < end && p[i] != comma && p[i] != lf { i += 1 }
                fieldEnd = i
            }
            if i == end && !final { return incomplete(isHeader) }
            let atLineEnd = i == end || p[i] == lf
            if atLineEnd && !copied && fieldEnd > fieldStart && p[fieldEnd - 1] == cr { fieldEnd -= 1 }
            if copied {
                unescaped.withUnsafeBufferPointer { deliver(field, $0.baseAddress ?? p, $0.count, isHeader) }
            } else {
                deliver(field, p + fieldStart, fieldEnd - fieldStart, isHeader)
            }
            field += 1
            if atLineEnd {
                if isHeader {
                    slots = assembler.bind(names: headerNames)
                } else {
                    assembler.endRow()
                }
                return i == end ? end : i + 1
            }
            i += 1
        }
    }

    @inline(__always)
    private mutating func deliver(_ field: Int, _ p: UnsafePointer<UInt8>, _ count: Int, _ isHeader: Bool) {
        if isHeader {
            let name = String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
            headerNames.append(name.trimmingSpaces)
        } else if let slots, field < slots.count {
            assembler.set(slots[field], p, count)
        }
    }

    private mutating func incomplete(_ isHeader: Bool) -> Int? {
        if !isHeader { assembler.abandonRow() }
        return nil
    }
}

extension String {
    /// Without leading and trailing spaces, tabs, line ends and a byte-order mark.
    var trimmingSpaces: String {
        let bytes = Array(utf8)
        var start = 0
        var end = bytes.count
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0A || bytes[start] == 0x0D) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x0A) {
            end -= 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
