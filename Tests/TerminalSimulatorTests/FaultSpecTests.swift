import MarketCalendar
import Testing
import TerminalSimulator

@Suite("--faults grammar")
struct FaultSpecTests {
    @Test("the documented example parses")
    func example() throws {
        let spec = try FaultSpec(parsing: "429:p=0.1,retry-after=1;474:for=5s;571:n=2;570:above=100000;472:exp=2024-03-15;reset:p=0.05;truncate:p=0.05;trickle:bytes=64,delay=10ms;malformed:p=0.01")
        #expect(spec.faults.count == 9)
        #expect(spec.faults[0].trigger == .probability(0.1))
        #expect(spec.faults[1].outage == .seconds(5))
        #expect(spec.faults[2].trigger == .firstRequests(2))
        #expect(spec.faults[3].aboveRows == 100_000)
        #expect(spec.faults[4].expirations == ["2024-03-15"])
        #expect(spec.faults[7].trickleDelay == .milliseconds(10))
        #expect(try FaultSpec(parsing: "").faults.isEmpty)
        #expect(try FaultSpec(parsing: "malformed:n=1").faults[0].trigger == .firstRequests(1))
        #expect(try FaultSpec(parsing: "trickle:exp=2024-03-18|2024-03-19").faults[0].expirations == ["2024-03-18", "2024-03-19"])
    }

    @Test("the 2026 refusals parse")
    func refusals() throws {
        let spec = try FaultSpec(parsing: "403:before=2020-01-01;500:n=3;400:date=2024-03-15;empty:exp=2024-03-15|2024-03-18")
        #expect(spec.faults.map(\.kind) == [.forbidden, .badSession, .currentDay, .empty])
        #expect(spec.faults[0].coverageStart == CivilDate(year: 2020, month: 1, day: 1))
        #expect(spec.faults[1].trigger == .firstRequests(3))
        #expect(spec.faults[2].currentDay == friday)
        #expect(spec.faults[3].expirations == ["2024-03-15", "2024-03-18"])
        let defaults = try FaultSpec(parsing: "500;400")
        #expect(defaults.faults[0].trigger == .always && defaults.faults[1].currentDay == nil)
        #expect(try FaultSpec(parsing: "500:p=0.2").faults[0].trigger == .probability(0.2))
    }

    @Test("bad parts are named", arguments: [
        ("999:p=1", "999"), ("429:p=2", "p must be"), ("429:q=1", "does not apply"), ("570", "above"),
        ("472:exp=tomorrow", "YYYY-MM-DD"), ("trickle:delay=fast", "duration"), ("reset:p", "name=value"),
        ("403", "403 needs before="), ("403:before=2020-13-01", "before must be YYYY-MM-DD"),
        ("400:date=today", "date must be YYYY-MM-DD"), ("500:before=2020-01-01", "does not apply to 500"),
        ("empty", "empty needs exp="), ("empty:p=0.5", "does not apply to empty"),
    ])
    func errors(spec: String, fragment: String) {
        #expect {
            try FaultSpec(parsing: spec)
        } throws: { error in
            let text = "\(error)"
            return text.contains(fragment) && text.contains("SPEC :=")
        }
    }
}
