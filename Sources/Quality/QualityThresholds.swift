import Crypto

/// The numbers the checks compare with (`quality.*` configuration keys), with the defaults
/// the checks' sources give. Their canonical text is hashed into every result, so a score
/// can be recomputed, or told apart from one made with other thresholds.
public struct QualityThresholds: Sendable, Hashable, Codable {
    /// V8: the underlying may move this share from the previous session's close.
    public var underlyingMove = 0.20
    /// V9: a spread this many times the contract's median spread that day is a warning.
    public var spreadToMedian = 50.0
    /// C5: a row count this many times (or 1/this of) the previous sessions' median drifts.
    public var rowCountRatio = 2.0
    /// C5, X4 and the trend flags: a modified z-score above this is an outlier (Iglewicz and Hoaglin).
    public var modifiedZ = 3.5
    /// C5 and the trend flags: the sessions compared with.
    public var history = 20
    /// T2: how much older than its row, in seconds, the underlying quote the greeks used may be.
    public var staleUnderlyingSeconds = 60
    /// T3: a mid this many robust deviations from the rolling median of the contract's last
    /// `spikeWindow` two-sided mids, and back at the next, is a spike.
    public var spikeDeviations = 10.0
    public var spikeWindow = 50
    /// I3 (funnel): implied volatilities outside this range are filtered by the usual samples.
    public var ivFunnelLow = 0.05
    public var ivFunnelHigh = 1.00
    /// I4: implied volatilities outside this range are implausible, except on the expiration day.
    public var ivPlausibleLow = 0.001
    public var ivPlausibleHigh = 5.0
    /// Funnel: days to expiry below this (Constantinides-Jackwerth-Savov filter 7 days).
    public var funnelMinDays = 7
    /// Funnel: moneyness K/S outside this range.
    public var funnelMoneynessLow = 0.8
    public var funnelMoneynessHigh = 1.2

    public init() {}

    /// One `name=value` a line in a fixed order: what `hash` is computed from.
    public var canonicalText: String {
        [
            "underlyingMove=\(underlyingMove)", "spreadToMedian=\(spreadToMedian)", "rowCountRatio=\(rowCountRatio)",
            "modifiedZ=\(modifiedZ)", "history=\(history)", "staleUnderlyingSeconds=\(staleUnderlyingSeconds)",
            "spikeDeviations=\(spikeDeviations)", "spikeWindow=\(spikeWindow)", "ivFunnelLow=\(ivFunnelLow)",
            "ivFunnelHigh=\(ivFunnelHigh)", "ivPlausibleLow=\(ivPlausibleLow)", "ivPlausibleHigh=\(ivPlausibleHigh)",
            "funnelMinDays=\(funnelMinDays)", "funnelMoneynessLow=\(funnelMoneynessLow)",
            "funnelMoneynessHigh=\(funnelMoneynessHigh)",
            // The checks' tolerances score the day too.
        ].joined(separator: "\n") + "\n" + QualityCheck.all.map { "\($0.id.rawValue).tolerance=\($0.tolerance)" }.joined(separator: "\n")
    }

    /// SHA-256 of `canonicalText`, lower-case hex: the same thresholds give the same hash.
    public var hash: String {
        SHA256.hash(data: Array(canonicalText.utf8)).map { byte in
            let hex = Array("0123456789abcdef".utf8)
            return String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
        }.joined()
    }
}
