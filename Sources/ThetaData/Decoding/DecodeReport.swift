/// What decoding a body found besides its rows.
public struct DecodeReport: Sendable, Equatable {
    public var rows = 0
    /// Rows dropped because a field did not parse or a contract/time field was missing.
    public var malformedRows = 0
    /// Why rows were dropped (the first few).
    public var problems: [String] = []
    /// Said once per body, such as the unknown columns ignored.
    public var warnings: [String] = []
    var warnedUnknownColumns = false

    public init() {}

    mutating func merge(_ other: DecodeReport) {
        rows += other.rows
        malformedRows += other.malformedRows
        problems += other.problems.prefix(RowAssembler.maxProblems - problems.count)
        if !warnedUnknownColumns { warnings += other.warnings }
        warnedUnknownColumns = warnedUnknownColumns || other.warnedUnknownColumns
    }
}
