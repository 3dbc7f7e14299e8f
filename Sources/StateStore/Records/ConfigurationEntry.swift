public import GRDB

/// A value an operator stored: a row of `configuration`. Keys without a row take their default.
public struct ConfigurationEntry: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "configuration"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var key: String
    public var value: String
    public var description: String?
    /// `string`, `number`, `boolean` or `date`, as the specification's CHECK allows.
    public var valueType: String
    public var isRequired: Bool
    public var updatedAt: String
    /// Who made the change: `cli` for `spx-data config set`.
    public var updatedBy: String

    public init(
        key: String, value: String, description: String?, valueType: String, isRequired: Bool,
        updatedAt: String = Timestamps.now(), updatedBy: String
    ) {
        self.key = key
        self.value = value
        self.description = description
        self.valueType = valueType
        self.isRequired = isRequired
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}
