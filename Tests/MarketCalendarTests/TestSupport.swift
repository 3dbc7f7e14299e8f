import MarketCalendar
import TestSupport

/// A date from a literal the test knows to be valid.
func d(_ text: String) -> CivilDate {
    guard let date = CivilDate(text) else { fatalError("bad test date \(text)") }
    return date
}

/// All dates from `from` through `to`.
func days(_ from: String, _ to: String) -> ClosedRange<CivilDate> { d(from)...d(to) }

let calendar = NYSECalendar.nyse
