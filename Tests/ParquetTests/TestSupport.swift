@testable import Parquet
import TestSupport

/// A random flat table: schema plus one batch per column, with the awkward values
/// (NaN payloads, -0.0, infinities, extremes, empty and multi-byte strings, long runs, nulls).
struct RandomTable {
    var schema: ParquetSchema
    var batches: [ColumnBatch]
    var rows: Int

    static func make(seed: UInt64, rows: Int? = nil, columns: Int? = nil) -> RandomTable {
        var rng = SeededRandom(seed: seed)
        let rowCount = rows ?? [0, 1, 7, 100, 1000, 5000].randomElement(using: &rng)!
        let columnCount = columns ?? Int.random(in: 1...8, using: &rng)
        var descriptors: [ColumnDescriptor] = []
        var batches: [ColumnBatch] = []
        for c in 0..<columnCount {
            let kind = Int.random(in: 0..<10, using: &rng)
            let optional = Bool.random(using: &rng)
            let nullRate = optional ? [0.0, 0.1, 0.5, 1.0].randomElement(using: &rng)! : 0
            var validity: [Bool] = (0..<rowCount).map { _ in Double.random(in: 0..<1, using: &rng) >= nullRate }
            if !optional { validity = Array(repeating: true, count: rowCount) }
            let present = validity.count { $0 }
            let runny = Bool.random(using: &rng)  // long runs of repeats
            func pick<T>(_ make: () -> T) -> [T] {
                var out: [T] = []
                var last: T? = nil
                for _ in 0..<present {
                    if runny, let l = last, Int.random(in: 0..<10, using: &rng) < 8 { out.append(l) } else {
                        let v = make()
                        out.append(v)
                        last = v
                    }
                }
                return out
            }
            let name = "c\(c)"
            let rep: Repetition = optional ? .optional : .required
            switch kind {
            case 0:
                descriptors.append(ColumnDescriptor(name, .boolean, rep))
                batches.append(ColumnBatch(.boolean(pick { Bool.random(using: &rng) })))
            case 1:
                descriptors.append(ColumnDescriptor(name, .int32, rep, logicalType: [nil, .date, .integer(bitWidth: 32, isSigned: false)].randomElement(using: &rng)!))
                let special: [Int32] = [0, 1, -1, .min, .max]
                batches.append(ColumnBatch(.int32(pick { Bool.random(using: &rng) ? special.randomElement(using: &rng)! : Int32.random(in: -1000...1000, using: &rng) })))
            case 2:
                descriptors.append(ColumnDescriptor(name, .int64, rep, logicalType: [nil, .timestamp(isAdjustedToUTC: true, unit: .millis), .integer(bitWidth: 64, isSigned: false)].randomElement(using: &rng)!))
                let special: [Int64] = [0, 1, -1, .min, .max]
                var t = Int64.random(in: 0...1_700_000_000_000, using: &rng)
                batches.append(ColumnBatch(.int64(pick {
                    t += Int64.random(in: 0...60_000, using: &rng)
                    return Bool.random(using: &rng) ? special.randomElement(using: &rng)! : t
                })))
            case 3:
                descriptors.append(ColumnDescriptor(name, .float, rep))
                let special: [Float] = [.nan, -.nan, .infinity, -.infinity, 0, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, Float(bitPattern: 0x7FC0_1234)]
                batches.append(ColumnBatch(.float(pick { Bool.random(using: &rng) ? special.randomElement(using: &rng)! : Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &rng)) })))
            case 4, 5:
                descriptors.append(ColumnDescriptor(name, .double, rep))
                let special: [Double] = [.nan, -.nan, .infinity, -.infinity, 0, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, Double(bitPattern: 0x7FF8_0000_0000_BEEF)]
                batches.append(ColumnBatch(.double(pick {
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0: special.randomElement(using: &rng)!
                    case 1: (Double(Int.random(in: 0...100_000, using: &rng)) / 100)
                    default: Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &rng))
                    }
                })))
            case 6, 7:
                descriptors.append(ColumnDescriptor(name, .byteArray, rep, logicalType: .string))
                let words = ["", "SPX", "SPXW", "é", "日本語", "🙂 emoji", String(repeating: "x", count: 300), "a\u{0}b"]
                let highCardinality = Bool.random(using: &rng)
                let strings = pick {
                    highCardinality ? "k\(UInt64.random(in: 0...UInt64.max, using: &rng))" : words.randomElement(using: &rng)!
                }
                batches.append(ColumnBatch(.byteArray(ByteArrayColumn(strings: strings))))
            case 8:
                descriptors.append(ColumnDescriptor(name, .fixedLenByteArray, rep, typeLength: 5))
                batches.append(ColumnBatch(.fixedLenByteArray(ByteArrayColumn(pick { (0..<5).map { _ in UInt8.random(in: 0...255, using: &rng) } }))))
            default:
                descriptors.append(ColumnDescriptor(name, .int32, rep, logicalType: .decimal(precision: 9, scale: 2)))
                batches.append(ColumnBatch(.int32(pick { Int32.random(in: -999_999_999...999_999_999, using: &rng) })))
            }
            if optional { batches[c].validity = validity }
        }
        return RandomTable(schema: ParquetSchema(descriptors), batches: batches, rows: rowCount)
    }
}

/// Bit-exact equality of values (NaN payloads and -0.0 included), which `==` on floats is not.
func bitwiseEqual(_ a: ColumnValues, _ b: ColumnValues) -> Bool {
    switch (a, b) {
    case (.float(let x), .float(let y)): x.map(\.bitPattern) == y.map(\.bitPattern)
    case (.double(let x), .double(let y)): x.map(\.bitPattern) == y.map(\.bitPattern)
    default: a == b
    }
}

/// Normalises validity so that "no nulls" compares equal whether it is nil or all true.
func presence(_ batch: ColumnBatch) -> [Bool] {
    batch.validity ?? Array(repeating: true, count: batch.rowCount)
}

/// Writes `table` into memory with `options`, returning the file's bytes.
func writeToMemory(_ table: RandomTable, options: ParquetWriterOptions) throws -> [UInt8] {
    let output = MemoryOutput()
    let writer = try ParquetWriter(output: output, schema: table.schema, options: options)
    // Feed in uneven slices so batches cross row-group boundaries.
    var start = 0
    var step = 1
    while start < table.rows {
        let end = min(table.rows, start + step)
        try writer.write(table.batches.map { $0.slice(rows: start..<end) })
        start = end
        step = step * 3 + 1
    }
    try writer.close()
    return output.bytes
}

/// Reads every column of every row group back and concatenates the row groups.
func readAll(_ bytes: [UInt8], verify: Bool = true) throws -> [ColumnBatch] {
    let reader = try ParquetFileReader(input: MemoryInput(bytes))
    var result = reader.schema.columns.map { ColumnBatch(.empty($0.physicalType), validity: []) }
    for g in reader.metadata.rowGroups.indices {
        for c in reader.schema.columns.indices {
            let batch = try reader.readColumn(rowGroup: g, column: c, verifyChecksums: verify)
            result[c].values = result[c].values.appending(batch.values)
            result[c].validity!.append(contentsOf: presence(batch))
        }
    }
    return result
}
