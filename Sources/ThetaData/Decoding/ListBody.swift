/// The values of a list endpoint: one column of v3 CSV, or v2 JSON's flat `response` array.
enum ListBody {
    static func values(_ bytes: [UInt8], column: String, version: APIVersion) throws(BodyDecodingError) -> [String] {
        version == .v3 ? csvColumn(bytes, column: column) : try v2Response(bytes)
    }

    /// The named column (or the first, if the name is absent) of a small CSV body.
    static func csvColumn(_ bytes: [UInt8], column: String) -> [String] {
        let lines = bytes.split(separator: UInt8(ascii: "\n")).map { line in
            String(decoding: line, as: UTF8.self).trimmingSpaces
        }.filter { !$0.isEmpty }
        guard let header = lines.first else { return [] }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map { unquote(String($0)) }
        let index = names.firstIndex(of: column) ?? 0
        return lines.dropFirst().compactMap { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return index < fields.count ? unquote(String(fields[index])) : nil
        }
    }

    private static func unquote(_ text: String) -> String {
        let t = text.trimmingSpaces
        guard t.count >= 2, t.hasPrefix("\""), t.hasSuffix("\"") else { return t }
        return String(t.dropFirst().dropLast()).replacingQuotes
    }

    /// The scalars of `response` in `{"header":{...},"response":[...]}`.
    static func v2Response(_ bytes: [UInt8]) throws(BodyDecodingError) -> [String] {
        let key = Array("\"response\"".utf8)
        let result: [String]? = bytes.withUnsafeBufferPointer { buffer in
            guard let p = buffer.baseAddress, buffer.count > key.count else { return nil }
            var start: Int?
            for i in 0...(buffer.count - key.count) where buffer[i..<(i + key.count)].elementsEqual(key) {
                start = i + key.count
                break
            }
            guard var i = start else { return nil }
            while i < buffer.count && p[i] != UInt8(ascii: "[") { i += 1 }
            i += 1
            var values: [String] = []
            while i < buffer.count {
                JSONScanner.skipSpaces(p, &i, buffer.count)
                guard i < buffer.count else { return nil }
                if p[i] == UInt8(ascii: "]") { return values }
                if p[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                guard let end = JSONScanner.valueEnd(p, from: i, buffer.count) else { return nil }
                let quoted = p[i] == UInt8(ascii: "\"")
                let text = UnsafeBufferPointer(start: p + i + (quoted ? 1 : 0), count: end - i - (quoted ? 2 : 0))
                values.append(String(decoding: text, as: UTF8.self))
                i = end
            }
            return nil
        }
        guard let result else { throw BodyDecodingError(message: "v2 list body has no complete response array") }
        return result
    }
}

extension String {
    fileprivate var replacingQuotes: String {
        var out = ""
        var previousQuote = false
        for c in self {
            if c == "\"" && previousQuote {
                previousQuote = false
                continue
            }
            previousQuote = c == "\""
            out.append(c)
        }
        return out
    }
}
