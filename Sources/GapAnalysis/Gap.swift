public import MarketCalendar

/// Why a session's data is missing.
///
/// | ledger | category |
/// |---|---|
/// | no record; `pending`, `queued` or `skipped` with no attempt and no progress | `neverAttempted` |
/// | any status but `success` and `no_data`, with some but not all expirations done | `partial` |
/// | `failed`; `processing` (an interrupted attempt); `pending`, `queued`, `skipped` after an attempt | `failed` |
/// | `no_data` | `noData` |
/// | `failed` with error type `permission` (a 403 or 471) | `permission` |
/// | `failed` with error type `pending_at_vendor` | `pendingAtVendor` |
/// | `success` with error type `archived_early` (forced before the publication time) | `archivedEarly` |
/// | `success` graded below the configured minimum grade | `belowQuality` |
///
/// `success` is never a gap, nor is a session whose data the vendor cannot have yet (see
/// `VendorAvailability`): those are the report's `pending`.
public enum GapCategory: String, Sendable, CaseIterable {
    case neverAttempted = "never_attempted"
    case failed
    case partial
    /// The vendor had no data when asked; worth asking again only now and then.
    case noData = "no_data"
    /// The subscription does not cover the day: retried only when forced.
    case permission
    /// The vendor had not published the day yet when asked; it will be asked again.
    case pendingAtVendor = "pending_at_vendor"
    /// Archived before the vendor published the day (forced): it may lack part of the day.
    case archivedEarly = "archived_early"
    /// Archived, but graded below `quality.minGrade`: re-fetched like a missing day.
    case belowQuality = "below_quality"

    /// Words for people, such as `partially processed`.
    public var label: String {
        switch self {
        case .neverAttempted: "never attempted"
        case .failed: "failed"
        case .partial: "partially processed"
        case .noData: "vendor had no data"
        case .permission: "not in subscription"
        case .pendingAtVendor: "pending at vendor"
        case .archivedEarly: "archived before publication"
        case .belowQuality: "below quality"
        }
    }

    /// The category of a session with `record` (nil: no record); nil when it is complete.
    /// - Parameter minGrade: archived days graded below it (A best) are `belowQuality`; nil: never.
    public init?(record: ProcessingRecord?, minGrade: String? = nil) {
        guard let record else {
            self = .neverAttempted
            return
        }
        switch record.status {
        case .success where record.errorType == Self.archivedEarly.rawValue: self = .archivedEarly
        case .success where minGrade.map { floor in record.grade.map { $0 > floor } ?? false } ?? false: self = .belowQuality
        case .success: return nil
        case .noData: self = .noData
        case .failed where record.errorType == Self.permission.rawValue: self = .permission
        case .failed where record.errorType == Self.pendingAtVendor.rawValue: self = .pendingAtVendor
        case _ where record.progress?.isPartial == true: self = .partial
        case .failed, .processing: self = .failed
        case .pending, .queued, .skipped: self = record.attempts > 0 ? .failed : .neverAttempted
        }
    }
}

/// A session whose data is missing, with why and how urgent it is.
public struct Gap: Sendable, Hashable, CustomStringConvertible {
    public var date: CivilDate
    public var category: GapCategory
    /// 0 to 100, higher first; see `PriorityWeights`.
    public var priority: Double
    /// Attempts recorded so far (0 without a record).
    public var attempts: Int
    public var lastError: String?
    public var progress: ExpirationProgress?
    /// The high-volatility period the date falls in, if any.
    public var volatilityPeriod: String?
    /// The work to fill this gap, when the analysis was given a size model.
    public var estimate: WorkEstimate?

    public var description: String {
        "\(date) \(category.label) priority \(Int(priority.rounded()))"
    }
}
