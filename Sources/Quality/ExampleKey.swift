import MarketCalendar

/// The key a person looks a failure up by, such as `SPXW 2024-03-15 5100 C 10:31`: root,
/// expiration, strike in dollars without trailing zeros, right, and the row's New York time
/// (`HH:MM`, or `HH:MM:SS.mmm` when not a whole minute). Built only for failures kept as examples.
enum ExampleKey {
    static func of(root: String, expiration: Int32, strike: Int64, right: UInt8, msOfDay: Int32) -> String {
        let side = right == 0 ? "?" : String(decoding: [right], as: UTF8.self)
        return "\(root) \(date(expiration)) \(dollars(strike)) \(side) \(time(msOfDay))"
    }

    /// A DATE column's day number as `YYYY-MM-DD`, or the number itself when it names no day
    /// the calendar can print (a corrupt value must still make an example, not a crash).
    static func date(_ days: Int32) -> String {
        CivilDate.representableDays.contains(Int(days)) ? CivilDate(daysSince1970: Int(days)).description : "day \(days)"
    }

    /// Tenths of a cent as dollars: 5_100_000 → `5100`, 5_102_500 → `5102.5`, 512_345 → `512.345`.
    static func dollars(_ tenthsOfCent: Int64) -> String {
        let sign = tenthsOfCent < 0 ? "-" : ""
        let magnitude = tenthsOfCent.magnitude
        var text = sign + String(magnitude / 1000)
        var fraction = magnitude % 1000
        guard fraction != 0 else { return text }
        var digits = 3
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let padded = String(fraction)
        text += "." + String(repeating: "0", count: digits - padded.count) + padded
        return text
    }

    /// An instant (ms since 1970 UTC) as New York's `YYYY-MM-DD HH:MM[:SS.mmm]`.
    static func instant(_ ms: Int64) -> String {
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let utcDay = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        guard CivilDate.representableDays.contains(Int(clamping: utcDay)) else { return "\(ms) ms" }
        let local = ms + Int64(NewYorkTime.utcOffset(at: UTCInstant(secondsSince1970: seconds))) * 1000
        let day = local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
        return date(Int32(clamping: day)) + " " + time(Int32(local - day * 86_400_000))
    }

    /// ms since New York midnight as `HH:MM`, or `HH:MM:SS.mmm` off the minute.
    static func time(_ msOfDay: Int32) -> String {
        let ms = Int(msOfDay)
        guard ms >= 0 else { return "\(ms) ms" }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        let minutes = ms / 60_000
        let text = "\(two(minutes / 60)):\(two(minutes % 60))"
        let rest = ms % 60_000
        guard rest != 0 else { return text }
        let milliseconds = rest % 1000
        return text + ":\(two(rest / 1000))." + (milliseconds < 10 ? "00" : milliseconds < 100 ? "0" : "") + String(milliseconds)
    }
}
