/// A contract as the scan tells contracts apart: its root's number in the day's `RootTable`,
/// expiration (DATE day number), strike (tenths of a cent) and right byte.
struct ContractKey: Hashable, Sendable {
    var root: Int32
    var expiration: Int32
    var strike: Int64
    var right: UInt8

    /// Whether `other` belongs to the same chain: the same root and expiration.
    @inline(__always)
    func sharesChain(with other: ContractKey) -> Bool { root == other.root && expiration == other.expiration }
}
