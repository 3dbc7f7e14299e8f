import ThetaData

/// Where each of a dataset's value columns sits in a batch: its stride array and index.
struct ValueOrder {
    /// Per value column in archive order: `(isDouble, index within its stride)`.
    let slots: [(isDouble: Bool, index: Int)]
    let doubleStride: Int
    let integerStride: Int

    init(_ dataset: Dataset, _ batch: OptionRowBatch) {
        var slots: [(Bool, Int)] = []
        for column in dataset.columns {
            if column.type == .double {
                slots.append((true, batch.doubleColumns.firstIndex(of: column.name)!))
            } else {
                slots.append((false, batch.integerColumns.firstIndex(of: column.name)!))
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

extension StagingFile {
    /// Writes row `r` as one line at `p`; returns its length.
    func writeLine(_ batch: OptionRowBatch, row r: Int, contract: ContractKey, order: ValueOrder,
                   to p: UnsafeMutablePointer<UInt8>) -> Int {
        var i = 0
        func key(_ k: Int) {
            keys.bytes.withUnsafeBufferPointer { all in
                let start = keys.offsets[k], n = keys.offsets[k + 1] - start
                (p + i).update(from: all.baseAddress! + start, count: n)
                i += n
            }
        }
        func bytes(_ b: [UInt8]) {
            b.withUnsafeBufferPointer { (p + i).update(from: $0.baseAddress!, count: $0.count) }
            i += b.count
        }
        func integer(_ v: Int64) { i += ShortDecimal.writeInteger(v, to: p + i) }

        key(0); bytes(root.quoted)
        key(1); integer(Int64(contract.expiration))
        key(2); integer(contract.strike)
        key(3); p[i] = UInt8(ascii: "\""); p[i + 1] = contract.right.rawValue; p[i + 2] = UInt8(ascii: "\""); i += 3
        key(4); integer(Int64(batch.dates[r]))
        key(5); integer(Int64(batch.times[r]))
        batch.doubles.withUnsafeBufferPointer { doubles in
            batch.integers.withUnsafeBufferPointer { integers in
                for (c, slot) in order.slots.enumerated() {
                    key(6 + c)
                    if slot.isDouble {
                        let v = doubles[r * order.doubleStride + slot.index]
                        if v.isNaN {
                            i += ShortDecimal.writeNull(to: p + i)
                        } else if let n = ShortDecimal.write(v, to: p + i) {
                            i += n
                        } else {
                            // Rare: more than 9 places, or huge. Swift's shortest round-trip text.
                            bytes(Array((v.isFinite ? v.description : "null").utf8))
                        }
                    } else {
                        let v = integers[r * order.integerStride + slot.index]
                        if v == OptionRowBatch.missingInteger {
                            i += ShortDecimal.writeNull(to: p + i)
                        } else {
                            integer(v)
                        }
                    }
                }
            }
        }
        p[i] = UInt8(ascii: "}")
        p[i + 1] = UInt8(ascii: "\n")
        return i + 2
    }
}
