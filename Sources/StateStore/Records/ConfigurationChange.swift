public import GRDB

/// One change of a configuration value: a row of `configuration_history`. A nil new value
/// means the key went back to its default.
public struct ConfigurationChange: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "configuration_history"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var key: String
    public var oldValue: String?
    public var newValue: String?
    public var source: String
    public var changedAt: String

    public init(id: Int64? = nil, key: String, oldValue: String?, newValue: String?, source: String,
                changedAt: String = Timestamps.now()) {
        self.id = id
        self.key = key
        self.oldValue = oldValue
        self.newValue = newValue
        self.source = source
        self.changedAt = changedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
