public import Parquet

/// What an archive file's footer says of itself: the `spx-data.*` key-value metadata the
/// pipeline writes, read back by the tools that judge or show a file.
public struct ArchiveFooter: Sendable, Equatable {
    /// The keys, as written.
    public enum Key {
        public static let version = "spx-data.version"
        public static let schemaVersion = ArchiveSchemaVersion.key
        public static let source = "spx-data.source"
        public static let dataset = "spx-data.dataset"
        public static let symbol = "spx-data.symbol"
        public static let date = "spx-data.date"
        public static let intervalMs = "spx-data.interval_ms"
        public static let rows = "spx-data.rows"
        public static let contentSHA256 = "spx-data.content_sha256"
        public static let createdAt = "spx-data.created_at"
    }

    public var symbol: String?
    public var dataset: String?
    /// `YYYY-MM-DD`.
    public var date: String?
    public var intervalMs: Int?
    /// The API version the rows came from (`v3`, `v2`), the first word of `spx-data.source`.
    public var apiVersion: String?
    /// `ArchiveSchemaVersion.of`: 1 for files written before the key, nil for a file that is not an archive file.
    public var schemaVersion: Int?
    /// The hash of the staged rows: equal for two files made from the same rows.
    public var contentSHA256: String?
    public var rows: Int64?

    public init(_ metadata: [KeyValue]) {
        func value(_ key: String) -> String? { metadata.first { $0.key == key }?.value ?? nil }
        symbol = value(Key.symbol)
        dataset = value(Key.dataset)
        date = value(Key.date)
        intervalMs = value(Key.intervalMs).flatMap { Int($0) }
        apiVersion = value(Key.source).flatMap { $0.split(separator: " ").first.map(String.init) }
        schemaVersion = ArchiveSchemaVersion.of(metadata)
        contentSHA256 = value(Key.contentSHA256)
        rows = value(Key.rows).flatMap { Int64($0) }
    }

    /// Whether the file says it is an archive file at all.
    public var isArchiveFile: Bool { dataset != nil }
}
