/// Where one field of a body goes in the normalised row, and how it is parsed.
enum ColumnSlot: Equatable, Sendable {
    case ignored
    case root
    case expiration
    /// v2's strike: tenths of a cent already.
    case strikeTenthsOfCent
    /// v3's strike: dollars with decimals.
    case strikeDollars
    case right
    /// v3's row time: a timestamp giving both date and ms of day.
    case timestamp
    /// v2's row time.
    case msOfDay
    /// v2's `date` column.
    case date
    case double(Int)
    case integer(Int)
    /// A v3 timestamp column stored whole, as New York wall-clock ms, in an integer column.
    case dateTime(Int)
    /// The row's time that is also a column of its own (v3 EOD's `created`).
    case timestampAndDateTime(Int)

    /// The slot of each name a body of `dataset` in `version` may carry; names not listed are
    /// unknown to the archive.
    static func table(for dataset: Dataset, version: APIVersion) -> [String: ColumnSlot] {
        var table: [String: ColumnSlot] = ["root": .root, "expiration": .expiration, "right": .right]
        switch version {
        case .v2:
            table["strike"] = .strikeTenthsOfCent
            table["date"] = .date
        case .v3:
            table["symbol"] = .root
            table["strike"] = .strikeDollars
        }
        let time = dataset.endpoint(version).timeColumn
        if !time.isEmpty { table[time] = version == .v2 ? .msOfDay : .timestamp }
        var doubleIndex = 0
        var integerIndex = 0
        for column in dataset.columns(in: version) {
            guard let name = column.name(in: version) else { continue }
            switch column.type {
            case .double:
                table[name] = .double(doubleIndex)
                doubleIndex += 1
            case .integer:
                table[name] = .integer(integerIndex)
                integerIndex += 1
            case .timeOfDay:
                // Only v2 sends a time without a date, as ms of day.
                table[name] = .integer(integerIndex)
                integerIndex += 1
            case .dateTime:
                table[name] = name == time ? .timestampAndDateTime(integerIndex) : .dateTime(integerIndex)
                integerIndex += 1
            }
        }
        return table
    }
}
