import GapAnalysis
import MarketCalendar
import Pipeline
import StateStore

/// What bounds a gap search besides its dates: the subscription's first date and when the
/// vendor publishes a session, from the configuration; shared by `gaps`, `process-gaps` and
/// `status` so they agree on what is missing.
struct GapLimits {
    var historyStart: CivilDate?
    /// `thetadata.subscription=standard` or `thetadata.historyStart=2018-01-02`.
    var historyStartSetBy: String
    /// `thetadata.availableAfter`, `HH:MM` New York.
    var availableAfter: String
    var availability: VendorAvailability

    init(_ config: ResolvedConfiguration) {
        let limits = ArchiveSession.limits(config)
        historyStart = limits.historyStart?.date
        historyStartSetBy = limits.historyStart?.setBy ?? ""
        availableAfter = config[.availableAfter]
        // ArchiveSession.limits always sets it, from thetadata.availableAfter.
        availability = limits.availability ?? VendorAvailability(availableAfter: config.availableAfterMinutes)
        minGrade = config[.qualityMinGrade] == "off" ? nil : config[.qualityMinGrade]
    }

    /// The New York time a session's data is published, for messages.
    func publication(of date: CivilDate) -> String {
        NYSECalendar.nyse.session(on: date).map { availability.availableTime($0).description } ?? availableAfter
    }

    /// `quality.minGrade`: archived days graded below it are gaps; nil when off.
    var minGrade: String?

    /// A gap configuration with these limits.
    func configuration(order: GapConfiguration.Order = .priority, sizeModel: DaySizeModel? = nil) -> GapConfiguration {
        GapConfiguration(order: order, sizeModel: sizeModel, historyStart: historyStart, availability: availability,
                         minGrade: minGrade)
    }
}
