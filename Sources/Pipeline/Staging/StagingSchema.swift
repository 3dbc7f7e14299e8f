public import ThetaData

extension NDJSONSchema {
    /// Where a staging file's value columns start: after root, expiration, strike, right,
    /// date and ms of day.
    static let firstStagedValue = 6

    /// The staging file of one dataset as `version` serves it: the contract key (root,
    /// expiration `YYYYMMDD`, strike in tenths of a cent, right `C`/`P`), the row's New York
    /// date and ms of day, then the value columns that version sends, in archive order. A
    /// value the Terminal left empty is `null`; a date-time is New York wall-clock ms.
    public static func staging(_ dataset: Dataset, _ version: APIVersion) -> NDJSONSchema {
        var columns: [NDJSONColumn] = [
            .init("root", .string), .init("expiration", .int32), .init("strike", .int64), .init("right", .string),
            .init("date", .int32), .init("ms_of_day", .int32),
        ]
        for column in dataset.columns(in: version) {
            switch column.type {
            case .double: columns.append(.init(column.name, .double, nullable: true))
            case .integer, .dateTime: columns.append(.init(column.name, .int64, nullable: true))
            case .timeOfDay: columns.append(.init(column.name, .int32, nullable: true))
            }
        }
        return NDJSONSchema(columns)
    }
}
