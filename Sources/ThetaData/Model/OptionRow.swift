/// One row of option data, normalised across API versions and body formats.
public struct OptionRow: Sendable, Hashable {
    public var contract: ContractKey
    /// The New York trading date as `YYYYMMDD`; 0 for datasets without a time (contract lists).
    public var date: Int32
    /// ms since New York midnight of the row's time.
    public var msOfDay: Int32
    /// The dataset's `.double` columns in declaration order; nil where the field was empty.
    public var doubles: [Double?]
    /// The dataset's `.integer`, `.timeOfDay` and `.dateTime` columns in declaration order
    /// (see `OptionRowBatch.integerColumns`); nil where empty.
    public var integers: [Int64?]

    public init(contract: ContractKey, date: Int32, msOfDay: Int32, doubles: [Double?], integers: [Int64?]) {
        self.contract = contract
        self.date = date
        self.msOfDay = msOfDay
        self.doubles = doubles
        self.integers = integers
    }
}
