/// Small pieces of JSON syntax shared by the NDJSON and v2 JSON decoders, on contiguous bytes.
enum JSONScanner {
    @inline(__always)
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    @inline(__always)
    static func skipSpaces(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int) {
        while i < end && isSpace(p[i]) { i += 1 }
    }

    /// The end of a string whose opening quote is at `i - 1`: the index of its closing quote,
    /// or nil if the bytes stop first. `escaped` says whether it holds a backslash.
    @inline(__always)
    static func stringEnd(_ p: UnsafePointer<UInt8>, from i: Int, _ end: Int, escaped: inout Bool) -> Int? {
        var j = i
        while j < end {
            let c = p[j]
            if c == UInt8(ascii: "\"") { return j }
            if c == UInt8(ascii: "\\") {
                escaped = true
                j += 2
                continue
            }
            j += 1
        }
        return nil
    }

    /// The end (exclusive) of the scalar (number, `true`, `false`, `null`) at `i`; nil when the
    /// bytes stop before a delimiter shows where it ends.
    @inline(__always)
    static func scalarEnd(_ p: UnsafePointer<UInt8>, from i: Int, _ end: Int) -> Int? {
        var j = i
        while j < end {
            let c = p[j]
            if c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || isSpace(c) { return j }
            j += 1
        }
        return nil
    }

    /// The end (exclusive) of the whole value at `i` (object, array, string or scalar), or nil
    /// if it is not complete in the bytes.
    static func valueEnd(_ p: UnsafePointer<UInt8>, from i: Int, _ end: Int) -> Int? {
        guard i < end else { return nil }
        let c = p[i]
        if c == UInt8(ascii: "\"") {
            var escaped = false
            return stringEnd(p, from: i + 1, end, escaped: &escaped).map { $0 + 1 }
        }
        guard c == UInt8(ascii: "{") || c == UInt8(ascii: "[") else { return scalarEnd(p, from: i, end) }
        var depth = 0
        var j = i
        while j < end {
            switch p[j] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return j + 1 }
            case UInt8(ascii: "\""):
                var escaped = false
                guard let close = stringEnd(p, from: j + 1, end, escaped: &escaped) else { return nil }
                j = close
            default:
                break
            }
            j += 1
        }
        return nil
    }

    /// The text of a string's bytes with JSON escapes resolved.
    static func unescape(_ p: UnsafePointer<UInt8>, _ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        var i = 0
        while i < count {
            let c = p[i]
            guard c == UInt8(ascii: "\\"), i + 1 < count else {
                out.append(c)
                i += 1
                continue
            }
            let e = p[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u") where i + 4 <= count:
                let hex = String(decoding: UnsafeBufferPointer(start: p + i, count: 4), as: UTF8.self)
                if let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                }
                i += 4
            default: out.append(e)
            }
        }
        return out
    }
}
