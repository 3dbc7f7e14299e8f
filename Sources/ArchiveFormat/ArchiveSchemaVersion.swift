public import Parquet

/// The layout generation of an archive file, kept in its footer as `spx-data.schema_version`.
/// Files of every version stay readable and verifiable; what changed is listed here.
///
/// | version | files | underlying's quote time (greeks) | EOD times |
/// |---|---|---|---|
/// | 1 | written before this key existed | `underlying_ms_of_day` INT32, its ms of day only (from v3, the date was dropped) | `last_trade_ms_of_day` INT32 |
/// | 2 | current | v3: `underlying_timestamp` TIMESTAMP(ms, UTC), the whole instant; v2: `ms_of_day2` INT32 as sent (v2 sends no date) | v3: `created` and `last_trade` TIMESTAMP(ms, UTC); v2: `ms_of_day2` INT32 |
public enum ArchiveSchemaVersion {
    /// The footer key.
    public static let key = "spx-data.schema_version"
    /// What new files are written as.
    public static let current = 2

    /// The version of a file from its footer's key-value metadata: the key's value (0 when it
    /// is not a number), or 1 when an archive file predates the key; nil when the file is not
    /// an archive file.
    public static func of(_ metadata: [KeyValue]) -> Int? {
        if let entry = metadata.first(where: { $0.key == key }) { return entry.value.flatMap { Int($0) } ?? 0 }
        return metadata.contains { $0.key == "spx-data.dataset" } ? 1 : nil
    }

    /// One line about a version, for `parquet inspect`.
    public static func describe(_ version: Int) -> String {
        switch version {
        case 1: "1 (written before spx-data.schema_version existed: the underlying's quote time is underlying_ms_of_day, "
            + "its ms of day only; EOD's last trade is last_trade_ms_of_day)"
        case 2: "2 (date-times as TIMESTAMP(ms, UTC): underlying_timestamp, created, last_trade; v2's ms_of_day2 as sent)"
        case ...0: "unreadable (spx-data.schema_version is not a positive number; the file was not written by spx-data as it is)"
        default: "\(version) (newer than this spx-data knows; update it)"
        }
    }
}
