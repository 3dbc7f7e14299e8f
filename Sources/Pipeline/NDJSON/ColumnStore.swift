import Parquet

/// The decoded values of a batch. Numbers and booleans go to a `ValueArena`, strings to one
/// `ByteArrayColumn` per string column, and nullable columns also keep a presence flag per
/// row; values are stored only for rows that have one.
///
/// A value type: the arena is copied before a shared one is changed (`makeUnique`).
struct ColumnStore {
    let kinds: [NDJSONColumn.Kind]
    let nullable: [Bool]
    /// For string columns, the index in `strings`; unused for the others.
    let stringSlots: [Int]
    private let capacity: Int

    private(set) var arena: ValueArena
    var strings: [ByteArrayColumn] = []
    /// Presence per row, by column; empty and unused for columns that are not nullable.
    private var validity: [[Bool]]

    init(schema: NDJSONSchema, capacity: Int) {
        kinds = schema.columns.map(\.kind)
        nullable = schema.columns.map(\.nullable)
        self.capacity = max(capacity, 1)
        var slots: [Int] = []
        var stringCount = 0
        for kind in kinds {
            slots.append(kind == .string ? stringCount : -1)
            if kind == .string { stringCount += 1 }
        }
        stringSlots = slots
        arena = ValueArena(widths: kinds.map(Self.width), capacity: capacity)
        strings = (0..<stringCount).map { _ in ByteArrayColumn(minimumCapacity: max(capacity, 1)) }
        validity = nullable.map { _ in [] }
        reserveValidity()
    }

    private static func width(_ kind: NDJSONColumn.Kind) -> Int {
        switch kind {
        case .string: 0
        case .int32: MemoryLayout<Int32>.stride
        case .int64: MemoryLayout<Int64>.stride
        case .double: MemoryLayout<Double>.stride
        case .bool: MemoryLayout<Bool>.stride
        }
    }

    private mutating func reserveValidity() {
        for c in validity.indices where nullable[c] { validity[c].reserveCapacity(capacity) }
    }

    /// Gives this store its own arena if it shares one with a copy; call before appending.
    @inline(__always)
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&arena) { arena = arena.copy() }
    }

    /// Records `null` for nullable column `c`.
    mutating func appendNull(column c: Int) {
        validity[c].append(false)
    }

    /// Marks a value just stored for nullable column `c` as present.
    mutating func appendPresent(column c: Int) {
        validity[c].append(true)
    }

    /// Removes what the current row stored for column `c`: its value, or its null.
    mutating func removeLast(column c: Int) {
        if nullable[c], validity[c].popLast() == false { return }
        if kinds[c] == .string {
            strings[stringSlots[c]].removeLast()
        } else {
            arena.removeLast(column: c)
        }
    }

    /// Moves every column out as a `ColumnBatch` and starts an empty batch.
    mutating func take() -> [ColumnBatch] {
        makeUnique()
        var result: [ColumnBatch] = []
        result.reserveCapacity(kinds.count)
        for c in kinds.indices {
            let values: ColumnValues
            switch kinds[c] {
            case .string:
                values = .byteArray(strings[stringSlots[c]])
                strings[stringSlots[c]] = ByteArrayColumn(minimumCapacity: capacity)
            case .int32: values = .int32(arena.take(column: c, as: Int32.self))
            case .int64: values = .int64(arena.take(column: c, as: Int64.self))
            case .double: values = .double(arena.take(column: c, as: Double.self))
            case .bool: values = .boolean(arena.take(column: c, as: Bool.self))
            }
            var presence: [Bool]? = nil
            if nullable[c] {
                if validity[c].contains(false) { presence = validity[c] }
                validity[c] = []
            }
            result.append(ColumnBatch(values, validity: presence))
        }
        reserveValidity()
        return result
    }
}
