/// The sessions of a date range in order, computed as they are iterated (one year's schedule
/// at a time), so walking decades costs no memory.
public struct SessionSequence: Sequence, Sendable {
    let calendar: NYSECalendar
    /// Already clamped to `NYSECalendar.supportedRange`; nil when nothing is left.
    let bounds: ClosedRange<CivilDate>?

    init(calendar: NYSECalendar, range: ClosedRange<CivilDate>) {
        self.calendar = calendar
        let low = Swift.max(range.lowerBound, NYSECalendar.supportedRange.lowerBound)
        let high = Swift.min(range.upperBound, NYSECalendar.supportedRange.upperBound)
        bounds = low <= high ? low...high : nil
    }

    public struct Iterator: IteratorProtocol {
        let calendar: NYSECalendar
        var nextDay: Int
        let last: Int
        var year: YearSchedule?

        public mutating func next() -> Session? {
            while nextDay <= last {
                let date = CivilDate(daysSince1970: nextDay)
                nextDay += 1
                if date.isWeekend { continue }
                if year?.year != date.year { year = calendar.schedule(for: date.year) }
                if let session = year!.session(on: date) { return session }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(calendar: calendar, nextDay: bounds?.lowerBound.daysSince1970 ?? 1,
                 last: bounds?.upperBound.daysSince1970 ?? 0, year: nil)
    }
}

extension NYSECalendar {
    /// The sessions within `range` with their hours, in date order; the part of `range`
    /// outside `supportedRange` has none.
    public func sessions(in range: ClosedRange<CivilDate>) -> SessionSequence {
        SessionSequence(calendar: self, range: range)
    }

    /// The dates of the sessions within `range`, in order: `sessions(in:)` without the hours.
    public func tradingDays(in range: ClosedRange<CivilDate>) -> LazyMapSequence<SessionSequence, CivilDate> {
        sessions(in: range).lazy.map(\.date)
    }

    /// The first session after `date`, or nil when none is left in `supportedRange`.
    public func nextSession(after date: CivilDate) -> CivilDate? {
        guard date < Self.supportedRange.upperBound else { return nil }
        let start = max(date.advanced(by: 1), Self.supportedRange.lowerBound)
        var iterator = sessions(in: start...Self.supportedRange.upperBound).makeIterator()
        return iterator.next()?.date
    }

    /// The last session before `date`, or nil when none is left in `supportedRange`.
    public func previousSession(before date: CivilDate) -> CivilDate? {
        guard date > Self.supportedRange.lowerBound else { return nil }
        var day = min(date.advanced(by: -1), Self.supportedRange.upperBound)
        var year: YearSchedule?
        while day >= Self.supportedRange.lowerBound {
            if !day.isWeekend {
                if year?.year != day.year { year = schedule(for: day.year) }
                if year!.isSession(day) { return day }
            }
            if day == Self.supportedRange.lowerBound { break }
            day = day.advanced(by: -1)
        }
        return nil
    }

    /// How many sessions `range` holds.
    public func sessionCount(in range: ClosedRange<CivilDate>) -> Int {
        var count = 0
        for _ in sessions(in: range) { count += 1 }
        return count
    }
}
