public import MarketCalendar

/// Faults the simulator injects, parsed from `--faults`.
///
/// Grammar (faults separated by `;`, options by `,`):
///
///     SPEC     := FAULT (';' FAULT)*
///     FAULT    := KIND [':' OPTION (',' OPTION)*]
///     KIND     := 429 | 474 | 570 | 571 | 472 | 403 | 500 | 400
///               | reset | truncate | trickle | malformed | empty
///     OPTION   := p=<0…1> | n=<count> | for=<DURATION> | retry-after=<seconds>
///               | above=<rows> | exp=<YYYY-MM-DD>['|'<YYYY-MM-DD>…] | bytes=<count> | delay=<DURATION>
///               | before=<YYYY-MM-DD> | date=<YYYY-MM-DD>
///     DURATION := <number>('ms'|'s'|'m')
///
/// `p` hits each data request with that probability (for `malformed`: each row), `n` hits the
/// first n data requests (for `malformed`: every row of them); with neither, every request is
/// hit, except `474`, which starts one outage of `for` (default 5s) on the first request.
/// The refusals live Terminals gave in 2026:
/// - `403:before=D`: data requests (history and the contracts list) for a date before D, as a
///   subscription that starts at D; v3 answers 403 in plain text, v2 471 PERMISSION.
/// - `500[:n=N|p=P]`: a `BadSession` answer, as when another Terminal logged in to the account.
/// - `400[:date=D]`: history requests for D or later (default: the simulator's `today`), as
///   the Terminal refuses current-day data asked without an expiration.
/// - `empty:exp=E`: history requests for those expirations answer 200 with a header and no rows.
/// Example:
/// `429:p=0.1,retry-after=1;474:for=5s;571:n=2;570:above=100000;472:exp=2024-03-15;reset:p=0.05;truncate:p=0.05;trickle:bytes=64,delay=10ms;malformed:p=0.01`
public struct FaultSpec: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case rateLimited = "429"
        case disconnected = "474"
        case tooLarge = "570"
        case starting = "571"
        case noData = "472"
        case forbidden = "403"
        case badSession = "500"
        case currentDay = "400"
        case reset
        case truncate
        case trickle
        case malformed
        case empty
    }

    /// When a fault hits a request.
    public enum Trigger: Sendable, Hashable {
        case always
        case probability(Double)
        case firstRequests(Int)
    }

    public struct Fault: Sendable, Hashable {
        public var kind: Kind
        public var trigger: Trigger = .always
        public var retryAfterSeconds = 1
        public var outage: Duration = .seconds(5)
        public var aboveRows = 0
        public var expirations: [String] = []
        public var trickleBytes = 64
        public var trickleDelay: Duration = .milliseconds(10)
        /// `403`: the first date the subscription covers.
        public var coverageStart: CivilDate?
        /// `400`: the first date refused; nil for the simulator's `today`.
        public var currentDay: CivilDate?
    }

    public var faults: [Fault]

    public init(faults: [Fault] = []) { self.faults = faults }

    public static let grammar = """
        SPEC := FAULT (';' FAULT)*;  FAULT := KIND [':' OPTION (',' OPTION)*]
        KIND := 429 | 474 | 570 | 571 | 472 | 403 | 500 | 400 | reset | truncate | trickle | malformed | empty
        OPTION := p=<0..1> | n=<count> | for=<duration> | retry-after=<seconds> | above=<rows>
                | exp=<YYYY-MM-DD>[|<YYYY-MM-DD>...] | bytes=<count> | delay=<duration>   (duration: 250ms, 5s, 1m)
                | before=<YYYY-MM-DD> | date=<YYYY-MM-DD>
        403:before=D  data requests (history, contracts list) for dates before D: v3 403, v2 471
        500[:n=N|p=P] BadSession (another Terminal logged in), every data request unless n or p
        400[:date=D]  history requests for D or later (default --today): current-day data refused
        empty:exp=E   history requests for expiration E: 200 with a header and no rows
        example: 429:p=0.1,retry-after=1;474:for=5s;571:n=2;570:above=100000;472:exp=2024-03-15;trickle:bytes=64,delay=10ms
        """

    func fault(_ kind: Kind) -> Fault? { faults.first { $0.kind == kind } }
}

/// A `--faults` string that does not follow the grammar.
public struct FaultSpecError: Error, Sendable, CustomStringConvertible {
    /// The part of the spec that is wrong.
    public var part: String
    public var reason: String
    public var description: String { "bad fault '\(part)': \(reason)\n\(FaultSpec.grammar)" }
}
