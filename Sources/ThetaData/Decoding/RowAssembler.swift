/// Builds normalised rows field by field, whatever the body format: the format's parser finds
/// each field's bytes and slot, the assembler parses and stores it, then checks the row.
///
/// A row missing a contract or time field, or with a field that does not parse, is dropped,
/// counted, and its reason kept (the first `maxProblems`), so one bad line never costs a
/// whole expiration.
struct RowAssembler {
    let dataset: Dataset
    let version: APIVersion
    let batchSize: Int
    let slotsByName: [String: ColumnSlot]
    private let doubleNames: [String]
    private let integerNames: [String]
    private let requiredMask: UInt8

    private(set) var batch: OptionRowBatch
    private(set) var completed: [OptionRowBatch] = []
    private(set) var report = DecodeReport()
    static let maxProblems = 20

    /// The contract every following row belongs to (v2 bulk JSON sends it once per contract).
    var fixedContract: ContractKey?

    // The row being built.
    private var present: UInt8 = 0
    private var root = ""
    private var rootBytes: [UInt8] = []
    private var expiration: Int32 = 0
    private var strike: Int64 = 0
    private var right = OptionRight.call
    private var date: Int32 = 0
    private var msOfDay: Int32 = 0
    private var rowProblem: String?
    private var doubleBase = 0
    private var integerBase = 0

    private enum Bit {
        static let root: UInt8 = 1, expiration: UInt8 = 2, strike: UInt8 = 4, right: UInt8 = 8
        static let date: UInt8 = 16, time: UInt8 = 32
        static let contract: UInt8 = 15
    }

    init(dataset: Dataset, version: APIVersion, batchSize: Int = 8192) {
        self.dataset = dataset
        self.version = version
        self.batchSize = batchSize
        slotsByName = ColumnSlot.table(for: dataset, version: version)
        let columns = dataset.columns(in: version)
        doubleNames = columns.filter { $0.type == .double }.map(\.name)
        integerNames = columns.filter { $0.type != .double }.map(\.name)
        requiredMask = dataset.endpoint(version).timeColumn.isEmpty ? Bit.contract : Bit.contract | Bit.date | Bit.time
        batch = OptionRowBatch(doubleColumns: doubleNames, integerColumns: integerNames, reservingCapacity: batchSize)
    }

    /// The slots of a header's names; unknown names are reported once per body.
    mutating func bind(names: [String]) -> [ColumnSlot] {
        let slots = names.map { slotsByName[$0] ?? .ignored }
        let unknown = zip(names, slots).filter { $0.1 == .ignored }.map(\.0)
        noteUnknown(unknown)
        return slots
    }

    mutating func noteUnknown(_ names: [String]) {
        guard !names.isEmpty, !report.warnedUnknownColumns else { return }
        report.warnedUnknownColumns = true
        report.warnings.append(
            "\(dataset.name) (\(version.rawValue)): ignoring column(s) the archive does not know: "
                + names.joined(separator: ", "))
    }

    mutating func beginRow() {
        present = 0
        rowProblem = nil
        if let fixedContract {
            setRoot(fixedContract.root)
            expiration = fixedContract.expiration
            strike = fixedContract.strike
            right = fixedContract.right
            present = Bit.contract
        }
        doubleBase = batch.doubles.count
        integerBase = batch.integers.count
        for _ in 0..<doubleNames.count { batch.doubles.append(.nan) }
        for _ in 0..<integerNames.count { batch.integers.append(OptionRowBatch.missingInteger) }
    }

    /// Parses one field into its slot. `isNull` marks JSON `null` and v2's `"null"` strings.
    @inline(__always)
    mutating func set(_ slot: ColumnSlot, _ p: UnsafePointer<UInt8>, _ count: Int) {
        switch slot {
        case .ignored:
            return
        case .double(let i):
            if count == 0 || isNullWord(p, count) { return }
            guard let v = FieldParser.double(p, count) else { return fail(slot, p, count) }
            batch.doubles[doubleBase + i] = v
        case .integer(let i):
            if count == 0 || isNullWord(p, count) { return }
            guard let v = FieldParser.integer(p, count) else { return fail(slot, p, count) }
            batch.integers[integerBase + i] = v
        case .dateTime(let i):
            if count == 0 || isNullWord(p, count) { return }
            guard let t = FieldParser.timestamp(p, count), let ms = FieldParser.wallClockMs(t) else {
                return fail(slot, p, count)
            }
            batch.integers[integerBase + i] = ms
        case .timestampAndDateTime(let i):
            guard let t = FieldParser.timestamp(p, count), let ms = FieldParser.wallClockMs(t) else {
                return fail(slot, p, count)
            }
            date = t.date
            msOfDay = t.msOfDay
            present |= Bit.date | Bit.time
            batch.integers[integerBase + i] = ms
        case .root:
            guard count > 0 else { return fail(slot, p, count) }
            if !rootBytes.elementsEqual(UnsafeBufferPointer(start: p, count: count)) {
                rootBytes = Array(UnsafeBufferPointer(start: p, count: count))
                root = String(decoding: rootBytes, as: UTF8.self)
            }
            present |= Bit.root
        case .expiration:
            guard let v = FieldParser.date(p, count) else { return fail(slot, p, count) }
            expiration = v
            present |= Bit.expiration
        case .strikeTenthsOfCent:
            guard let v = FieldParser.integer(p, count) else { return fail(slot, p, count) }
            strike = v
            present |= Bit.strike
        case .strikeDollars:
            guard let v = FieldParser.strikeDollars(p, count) else { return fail(slot, p, count) }
            strike = v
            present |= Bit.strike
        case .right:
            guard let v = OptionRight(bytes: UnsafeRawBufferPointer(start: p, count: count)) else {
                return fail(slot, p, count)
            }
            right = v
            present |= Bit.right
        case .timestamp:
            guard let t = FieldParser.timestamp(p, count) else { return fail(slot, p, count) }
            date = t.date
            msOfDay = t.msOfDay
            present |= Bit.date | Bit.time
        case .msOfDay:
            guard let v = FieldParser.integer(p, count), let ms = Int32(exactly: v) else { return fail(slot, p, count) }
            msOfDay = ms
            present |= Bit.time
        case .date:
            guard let v = FieldParser.date(p, count) else { return fail(slot, p, count) }
            date = v
            present |= Bit.date
        }
    }

    /// A JSON `null` written bare or as v2's string `"null"`.
    @inline(__always)
    private func isNullWord(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        count == 4 && p[0] == UInt8(ascii: "n") && p[1] == UInt8(ascii: "u") && p[2] == UInt8(ascii: "l")
            && p[3] == UInt8(ascii: "l")
    }

    private mutating func fail(_ slot: ColumnSlot, _ p: UnsafePointer<UInt8>, _ count: Int) {
        guard rowProblem == nil else { return }
        let text = String(decoding: UnsafeBufferPointer(start: p, count: min(count, 64)), as: UTF8.self)
        rowProblem = "field \(slot) does not parse: \"\(text)\""
    }

    /// Keeps the row if it is whole, else drops it and records why.
    mutating func endRow() {
        if rowProblem == nil && present & requiredMask != requiredMask {
            rowProblem = "row lacks contract or time fields"
        }
        if let rowProblem {
            batch.doubles.removeLast(batch.doubles.count - doubleBase)
            batch.integers.removeLast(batch.integers.count - integerBase)
            report.malformedRows += 1
            if report.problems.count < Self.maxProblems { report.problems.append(rowProblem) }
            return
        }
        batch.contracts.append(ContractKey(root: root, expiration: expiration, strike: strike, right: right))
        batch.dates.append(requiredMask == Bit.contract ? 0 : date)
        batch.times.append(requiredMask == Bit.contract ? 0 : msOfDay)
        report.rows += 1
        if batch.count >= batchSize { flush() }
    }

    /// Drops a row begun but never ended (a body cut mid-row is re-read from its start).
    mutating func abandonRow() {
        batch.doubles.removeLast(batch.doubles.count - doubleBase)
        batch.integers.removeLast(batch.integers.count - integerBase)
    }

    private mutating func setRoot(_ value: String) {
        if root != value {
            root = value
            rootBytes = Array(value.utf8)
        }
    }

    /// Moves the rows so far into `completed`.
    mutating func flush() {
        guard !batch.isEmpty else { return }
        completed.append(batch)
        batch = OptionRowBatch(doubleColumns: doubleNames, integerColumns: integerNames, reservingCapacity: batchSize)
    }

    mutating func takeCompleted() -> [OptionRowBatch] {
        defer { completed.removeAll(keepingCapacity: true) }
        return completed
    }
}
