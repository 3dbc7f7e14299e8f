import ThetaData

/// Where each of a dataset's value columns sits in a batch: its stride array and index.
struct ValueOrder {
    /// Per value column in archive order: `(isDouble, index within its stride)`.
    let slots: [(isDouble: Bool, index: Int)]
    let doubleStride: Int
    let integerStride: Int

    /// - Precondition: `batch` holds every one of `columns` (it was decoded for them).
    init(_ columns: [Dataset.Column], _ batch: OptionRowBatch) {
        var slots: [(Bool, Int)] = []
        for column in columns {
            if column.type == .double {
                guard let index = batch.doubleColumns.firstIndex(of: column.name) else {
                    preconditionFailure("a batch without column \(column.name)")
                }
                slots.append((true, index))
            } else {
                guard let index = batch.integerColumns.firstIndex(of: column.name) else {
                    preconditionFailure("a batch without column \(column.name)")
                }
                slots.append((false, index))
            }
        }
        self.slots = slots
        doubleStride = batch.doubleColumns.count
        integerStride = batch.integerColumns.count
    }
}

/// A row's place in archive order within one root: expiration, strike, right (C before P),
/// date, time of day.
struct RowOrderKey: Comparable {
    var expiration: Int32
    var strike: Int64
    var right: UInt8
    var date: Int32
    var time: Int32

    init(_ contract: ContractKey, date: Int32, time: Int32) {
        expiration = contract.expiration
        strike = contract.strike
        right = contract.right.rawValue
        self.date = date
        self.time = time
    }

    init(expiration: Int32, strike: Int64, right: UInt8, date: Int32, time: Int32) {
        self.expiration = expiration
        self.strike = strike
        self.right = right
        self.date = date
        self.time = time
    }

    static func < (a: Self, b: Self) -> Bool {
        (a.expiration, a.strike, a.right, a.date, a.time) < (b.expiration, b.strike, b.right, b.date, b.time)
    }
}

/// The `"name":` text of each staging column, opening brace or comma included.
struct KeyTexts {
    let bytes: [UInt8]
    let offsets: [Int]

    init(_ schema: NDJSONSchema) {
        var bytes: [UInt8] = []
        var offsets: [Int] = [0]
        for (i, column) in schema.columns.enumerated() {
            bytes.append(i == 0 ? UInt8(ascii: "{") : UInt8(ascii: ","))
            bytes.append(UInt8(ascii: "\""))
            bytes += column.name.utf8
            bytes += "\":".utf8
            offsets.append(bytes.count)
        }
        self.bytes = bytes
        self.offsets = offsets
    }

    var count: Int { offsets.count - 1 }
    var totalBytes: Int { bytes.count }
}

/// A root as a JSON string, escaped once per change of contract root.
struct RootText {
    static let maxBytes = 64
    /// Each byte escapes to at most 6 (`\u00XX`), plus the quotes.
    static let maxEscapedBytes = maxBytes * 6 + 2

    private(set) var raw: [UInt8] = []
    private(set) var quoted: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "\"")]

    init() {}

    init(_ root: String) throws(StagingError) {
        raw = Array(root.utf8)
        guard raw.count <= Self.maxBytes else {
            throw StagingError(message: "root '\(root.prefix(80))' is longer than \(Self.maxBytes) bytes; the Terminal sent a malformed contract")
        }
        let hex = Array("0123456789abcdef".utf8)
        quoted = [UInt8(ascii: "\"")]
        for b in raw {
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 {
                quoted += "\\u00".utf8
                quoted += [hex[Int(b >> 4)], hex[Int(b & 15)]]
            } else {
                quoted.append(b)
            }
        }
        quoted.append(UInt8(ascii: "\""))
    }

    func matches(_ root: String) -> Bool { root.utf8.elementsEqual(raw) }

    var text: String { String(decoding: raw, as: UTF8.self) }
}

/// The write position of one staging line, in room the staging buffer reserved for it. A
/// struct with mutating methods rather than nested functions over a captured counter, which
/// cost a runtime exclusivity check on every piece of every line.
struct LineCursor {
    let base: UnsafeMutablePointer<UInt8>
    var offset = 0

    init(_ base: UnsafeMutablePointer<UInt8>) { self.base = base }

    mutating func bytes(_ source: UnsafePointer<UInt8>, count: Int) {
        (base + offset).update(from: source, count: count)
        offset += count
    }

    mutating func bytes(_ source: [UInt8]) {
        source.withUnsafeBufferPointer { bytes($0.baseAddress!, count: $0.count) }
    }

    mutating func byte(_ b: UInt8) {
        base[offset] = b
        offset += 1
    }

    mutating func integer(_ v: Int64) { offset += ShortDecimal.writeInteger(v, to: base + offset) }

    mutating func null() { offset += ShortDecimal.writeNull(to: base + offset) }

    /// NaN (an empty field) as null; otherwise the shortest exact decimal.
    mutating func double(_ v: Double) {
        if v.isNaN {
            null()
        } else if let n = ShortDecimal.write(v, to: base + offset) {
            offset += n
        } else {
            // Rare: more than 9 places, or huge. Swift's shortest round-trip text.
            bytes(Array((v.isFinite ? v.description : "null").utf8))
        }
    }
}

extension StagingFile {
    /// Writes row `r` as one line at `p`; returns its length.
    func writeLine(_ batch: OptionRowBatch, row r: Int, contract: ContractKey, order: ValueOrder,
                   to p: UnsafeMutablePointer<UInt8>) -> Int {
        var line = LineCursor(p)
        keys.bytes.withUnsafeBufferPointer { keyBytes in
            let offsets = keys.offsets
            func key(_ k: Int, _ line: inout LineCursor) {
                line.bytes(keyBytes.baseAddress! + offsets[k], count: offsets[k + 1] - offsets[k])
            }
            key(0, &line); line.bytes(root.quoted)
            key(1, &line); line.integer(Int64(contract.expiration))
            key(2, &line); line.integer(contract.strike)
            key(3, &line); line.byte(UInt8(ascii: "\"")); line.byte(contract.right.rawValue); line.byte(UInt8(ascii: "\""))
            key(4, &line); line.integer(Int64(batch.dates[r]))
            key(5, &line); line.integer(Int64(batch.times[r]))
            batch.doubles.withUnsafeBufferPointer { doubles in
                batch.integers.withUnsafeBufferPointer { integers in
                    for (c, slot) in order.slots.enumerated() {
                        key(6 + c, &line)
                        if slot.isDouble {
                            line.double(doubles[r * order.doubleStride + slot.index])
                        } else {
                            let v = integers[r * order.integerStride + slot.index]
                            if v == OptionRowBatch.missingInteger { line.null() } else { line.integer(v) }
                        }
                    }
                }
            }
        }
        line.byte(UInt8(ascii: "}"))
        line.byte(UInt8(ascii: "\n"))
        return line.offset
    }
}
