import ArchiveFormat
import MarketCalendar

/// What the row-reading checks know of the day before reading a row: the footer's date and
/// whether it is a session, the session's grid of intervals, the thresholds and the ledger's
/// previous close.
struct DayFacts: Sendable {
    /// The footer's date as a DATE day number; nil when the footer names no valid date.
    let day: Int32?
    /// The footer's date as written, for examples.
    let dateText: String
    /// The session on that date; nil when it is none (S2 fails every row).
    let session: Session?
    /// Session open and close, ms since New York midnight; 0 without a session.
    let openMs: Int32
    let closeMs: Int32
    /// The footer's interval, or one minute when it names none.
    let intervalMs: Int32
    /// C1's grid per contract: the interval starts from the open to before the close, early
    /// closes included (390 at one minute on a full session); 0 for datasets without
    /// intervals or a day without a session (C1 not evaluated).
    let slots: Int
    let dataset: String
    let thresholds: QualityThresholds
    /// The previous session's last underlying price (V8), when the ledger knows it.
    let previousClose: Double?

    /// The datasets whose rows are one per interval.
    static let intervalDatasets: Set<String> = ["greeks", "greeks_second_order", "greeks_third_order", "quotes", "ohlc"]
    static let defaultIntervalMs: Int32 = 60_000

    init(footer: ArchiveFooter, calendar: NYSECalendar, thresholds: QualityThresholds, context: QualityContext) {
        let date = footer.date.flatMap { CivilDate($0) }
        day = date.map { Int32($0.daysSince1970) }
        dateText = footer.date ?? "(none)"
        session = date.flatMap { calendar.session(on: $0) }
        openMs = Int32(session?.open.minutesSinceMidnight ?? 0) * 60_000
        closeMs = Int32(session?.close.minutesSinceMidnight ?? 0) * 60_000
        let interval = footer.intervalMs.flatMap { $0 > 0 && $0 <= 86_400_000 ? Int32($0) : nil }
        intervalMs = interval ?? Self.defaultIntervalMs
        dataset = footer.dataset ?? ""
        let length = Int(closeMs - openMs)
        slots = Self.intervalDatasets.contains(dataset) && session != nil
            ? (length + Int(intervalMs) - 1) / Int(intervalMs) : 0
        self.thresholds = thresholds
        previousClose = context.previousClose.flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
    }

    /// The C1 slot a row's ms of day falls in, nil outside the session's grid.
    @inline(__always)
    func slot(msOfDay: Int32) -> Int? {
        let offset = msOfDay &- openMs
        guard offset >= 0, msOfDay < closeMs else { return nil }
        return Int(offset / intervalMs)
    }
}
