/// Faults the simulator injects, parsed from `--faults`.
///
/// Grammar (faults separated by `;`, options by `,`):
///
///     SPEC     := FAULT (';' FAULT)*
///     FAULT    := KIND [':' OPTION (',' OPTION)*]
///     KIND     := 429 | 474 | 570 | 571 | 472 | reset | truncate | trickle | malformed
///     OPTION   := p=<0…1> | n=<count> | for=<DURATION> | retry-after=<seconds>
///               | above=<rows> | exp=<YYYY-MM-DD>['|'<YYYY-MM-DD>…] | bytes=<count> | delay=<DURATION>
///     DURATION := <number>('ms'|'s'|'m')
///
/// `p` hits each data request with that probability (for `malformed`: each row), `n` hits the
/// first n data requests (for `malformed`: every row of them); with neither, every request is
/// hit, except `474`, which starts one outage of `for` (default 5s) on the first request. Example:
/// `429:p=0.1,retry-after=1;474:for=5s;571:n=2;570:above=100000;472:exp=2024-03-15;reset:p=0.05;truncate:p=0.05;trickle:bytes=64,delay=10ms;malformed:p=0.01`
public struct FaultSpec: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case rateLimited = "429"
        case disconnected = "474"
        case tooLarge = "570"
        case starting = "571"
        case noData = "472"
        case reset
        case truncate
        case trickle
        case malformed
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
    }

    public var faults: [Fault]

    public init(faults: [Fault] = []) { self.faults = faults }

    public static let grammar = """
        SPEC := FAULT (';' FAULT)*;  FAULT := KIND [':' OPTION (',' OPTION)*]
        KIND := 429 | 474 | 570 | 571 | 472 | reset | truncate | trickle | malformed
        OPTION := p=<0..1> | n=<count> | for=<duration> | retry-after=<seconds> | above=<rows>
                | exp=<YYYY-MM-DD>[|<YYYY-MM-DD>...] | bytes=<count> | delay=<duration>   (duration: 250ms, 5s, 1m)
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
