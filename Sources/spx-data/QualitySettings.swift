import Quality
import StateStore

/// The content checks' thresholds from the `quality.*` keys.
enum QualitySettings {
    static func thresholds(_ config: ResolvedConfiguration) -> QualityThresholds {
        var t = QualityThresholds()
        func number(_ key: ConfigurationKey) -> Double? { Double(config[key]) }
        func whole(_ key: ConfigurationKey) -> Int? { Int(config[key]) }
        func range(_ key: ConfigurationKey) -> (low: Double, high: Double)? { ConfigurationKey.range(config[key]) }
        t.underlyingMove = number(.qualityUnderlyingMove) ?? t.underlyingMove
        t.spreadToMedian = number(.qualitySpreadToMedian) ?? t.spreadToMedian
        t.rowCountRatio = number(.qualityRowCountRatio) ?? t.rowCountRatio
        t.modifiedZ = number(.qualityModifiedZ) ?? t.modifiedZ
        t.history = whole(.qualityHistory) ?? t.history
        t.staleUnderlyingSeconds = whole(.qualityStaleUnderlyingSeconds) ?? t.staleUnderlyingSeconds
        t.spikeDeviations = number(.qualitySpikeDeviations) ?? t.spikeDeviations
        t.spikeWindow = whole(.qualitySpikeWindow) ?? t.spikeWindow
        t.funnelMinDays = whole(.qualityFunnelMinDays) ?? t.funnelMinDays
        if let r = range(.qualityIVFunnelRange) { (t.ivFunnelLow, t.ivFunnelHigh) = r }
        if let r = range(.qualityIVPlausibleRange) { (t.ivPlausibleLow, t.ivPlausibleHigh) = r }
        if let r = range(.qualityFunnelMoneyness) { (t.funnelMoneynessLow, t.funnelMoneynessHigh) = r }
        return t
    }

    /// `quality.minGrade`, nil when off.
    static func minGrade(_ config: ResolvedConfiguration) -> Grade? { Grade(rawValue: config[.qualityMinGrade]) }
}
