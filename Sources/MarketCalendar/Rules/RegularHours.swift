/// The NYSE's regular opening and closing times in New York, by era.
///
/// | sessions | open | close |
/// |---|---|---|
/// | to 1970-05-01 | 10:00 | 15:00 (paperwork-crisis hours) |
/// | 1970-05-04 to 1974-09-30 | 10:00 | 15:30 |
/// | 1974-10-01 to 1985-09-27 | 10:00 | 16:00 |
/// | from 1985-09-30 | 09:30 | 16:00 |
public enum RegularHours {
    private static let closeAt1530From = CivilDate(year: 1970, month: 5, day: 2)!
    private static let closeAt1600From = CivilDate(year: 1974, month: 10, day: 1)!
    private static let openAt0930From = CivilDate(year: 1985, month: 9, day: 28)!

    /// The regular open and close in New York time for a session on `date`.
    public static func on(_ date: CivilDate) -> (open: TimeOfDay, close: TimeOfDay) {
        if date >= openAt0930From { return (TimeOfDay(hour: 9, minute: 30), TimeOfDay(hour: 16)) }
        if date >= closeAt1600From { return (TimeOfDay(hour: 10), TimeOfDay(hour: 16)) }
        if date >= closeAt1530From { return (TimeOfDay(hour: 10), TimeOfDay(hour: 15, minute: 30)) }
        return (TimeOfDay(hour: 10), TimeOfDay(hour: 15))
    }
}
