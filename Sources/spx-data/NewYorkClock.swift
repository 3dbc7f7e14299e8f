import ArgumentParser
import Foundation
import MarketCalendar

/// The instant now, and New York's date, where the market's days are counted.
///
/// `SPX_DATA_NOW` (a New York date and time, `YYYY-MM-DDTHH:MM[:SS]`) makes every command read
/// the clock as that instant: to rehearse what the tool does at another time of day (before
/// the vendor publishes today, in the nightly window) and to test it. A value that does not
/// parse stops the command (exit 64) rather than be silently ignored.
enum NewYorkClock {
    static func now() -> UTCInstant {
        guard let text = ProcessInfo.processInfo.environment["SPX_DATA_NOW"], !text.isEmpty else {
            return UTCInstant(secondsSince1970: Int64(Date().timeIntervalSince1970.rounded(.down)))
        }
        guard let instant = parse(text) else {
            printError("error: SPX_DATA_NOW='\(text)' is not a New York date and time: use YYYY-MM-DDTHH:MM[:SS], "
                       + "such as 2024-03-15T15:30, or unset it")
            exit(ExitCodes.badInput.rawValue)
        }
        return instant
    }

    static func today() -> CivilDate { NewYorkTime.date(at: now()) }

    /// `YYYY-MM-DDTHH:MM[:SS]` on New York's clock, as an instant.
    static func parse(_ text: String) -> UTCInstant? {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, let date = CivilDate(String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0.count == 2 }),
              let h = Int(clock[0]), let m = Int(clock[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        let s = clock.count == 3 ? Int(clock[2]) : 0
        guard let s, (0..<60).contains(s) else { return nil }
        let time = TimeOfDay(hour: h, minute: m)
        return UTCInstant(secondsSince1970: NewYorkTime.instant(on: date, at: time).secondsSince1970 + Int64(s))
    }
}
