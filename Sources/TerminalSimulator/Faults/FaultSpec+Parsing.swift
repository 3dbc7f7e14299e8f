import MarketCalendar

extension FaultSpec {
    /// Reads a `--faults` string; an empty string means no faults.
    /// - Throws: `FaultSpecError` naming the bad part, with the grammar.
    public init(parsing text: String) throws(FaultSpecError) {
        var faults: [Fault] = []
        for part in text.split(separator: ";").map({ $0.trimmingSpaces }) where !part.isEmpty {
            let pieces = part.split(separator: ":", maxSplits: 1)
            guard let kind = Kind(rawValue: String(pieces[0])) else {
                throw FaultSpecError(part: part, reason: "unknown fault kind '\(pieces[0])'")
            }
            var fault = Fault(kind: kind)
            if kind == .disconnected { fault.trigger = .firstRequests(1) }
            let options = pieces.count > 1 ? pieces[1].split(separator: ",") : []
            for option in options {
                let kv = option.split(separator: "=", maxSplits: 1).map(String.init)
                guard kv.count == 2, !kv[1].isEmpty else {
                    throw FaultSpecError(part: part, reason: "option '\(option)' is not name=value")
                }
                try Self.apply(kv[0], kv[1], to: &fault, part: part)
            }
            if kind == .tooLarge && fault.aboveRows <= 0 {
                throw FaultSpecError(part: part, reason: "570 needs above=<rows>")
            }
            if kind == .noData && fault.expirations.isEmpty {
                throw FaultSpecError(part: part, reason: "472 needs exp=<YYYY-MM-DD>")
            }
            if kind == .empty && fault.expirations.isEmpty {
                throw FaultSpecError(part: part, reason: "empty needs exp=<YYYY-MM-DD>")
            }
            if kind == .forbidden && fault.coverageStart == nil {
                throw FaultSpecError(part: part, reason: "403 needs before=<YYYY-MM-DD>, the first date the subscription covers")
            }
            faults.append(fault)
        }
        self.init(faults: faults)
    }

    private static func apply(_ name: String, _ value: String, to fault: inout Fault, part: String) throws(FaultSpecError) {
        func bad(_ why: String) -> FaultSpecError { FaultSpecError(part: part, reason: why) }
        let allowed: [Kind: Set<String>] = [
            .rateLimited: ["p", "n", "retry-after"], .disconnected: ["p", "n", "for"], .starting: ["p", "n"],
            .tooLarge: ["above"], .noData: ["exp"], .reset: ["p", "n"], .truncate: ["p", "n"],
            .trickle: ["p", "n", "bytes", "delay", "exp"], .malformed: ["p", "n"],
            .forbidden: ["before"], .badSession: ["p", "n"], .currentDay: ["date"], .empty: ["exp"],
        ]
        guard allowed[fault.kind]!.contains(name) else {
            let names = allowed[fault.kind]!.sorted().joined(separator: ", ")
            throw bad("option '\(name)' does not apply to \(fault.kind.rawValue) (allowed: \(names))")
        }
        switch name {
        case "p":
            guard let p = Double(value), (0...1).contains(p) else { throw bad("p must be a number from 0 to 1, not '\(value)'") }
            fault.trigger = .probability(p)
        case "n":
            guard let n = Int(value), n >= 0 else { throw bad("n must be a count, not '\(value)'") }
            fault.trigger = .firstRequests(n)
        case "retry-after":
            guard let s = Int(value), s >= 0 else { throw bad("retry-after must be whole seconds, not '\(value)'") }
            fault.retryAfterSeconds = s
        case "above":
            guard let rows = Int(value), rows > 0 else { throw bad("above must be a row count, not '\(value)'") }
            fault.aboveRows = rows
        case "bytes":
            guard let bytes = Int(value), bytes > 0 else { throw bad("bytes must be a positive count, not '\(value)'") }
            fault.trickleBytes = bytes
        case "for", "delay":
            guard let duration = parseDuration(value) else {
                throw bad("\(name) must be a duration such as 250ms, 5s or 1m, not '\(value)'")
            }
            if name == "for" { fault.outage = duration } else { fault.trickleDelay = duration }
        case "before", "date":
            guard let day = CivilDate(value) else { throw bad("\(name) must be YYYY-MM-DD, not '\(value)'") }
            if name == "before" { fault.coverageStart = day } else { fault.currentDay = day }
        default:  // exp
            for day in value.split(separator: "|") {
                guard CivilDate(String(day)) != nil else { throw bad("exp must be YYYY-MM-DD, not '\(day)'") }
            }
            fault.expirations = value.split(separator: "|").map(String.init)
        }
    }

    static func parseDuration(_ text: String) -> Duration? {
        let (number, unit): (Substring, Int64)
        if text.hasSuffix("ms") { (number, unit) = (text.dropLast(2), 1) }
        else if text.hasSuffix("s") { (number, unit) = (text.dropLast(1), 1000) }
        else if text.hasSuffix("m") { (number, unit) = (text.dropLast(1), 60_000) }
        else { return nil }
        guard let value = Double(number), value >= 0 else { return nil }
        return .milliseconds(Int64(value * Double(unit)))
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
