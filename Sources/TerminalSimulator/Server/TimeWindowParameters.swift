/// `start_time` and `end_time`, which both API versions take to limit a history request to
/// part of each session (ends included). A client that is answered 570 splits its request into
/// such windows, so the simulator honours them; each version spells the times its own way.
extension SimulatorResponder {
    static func timeWindow(
        _ params: Parameters, parse: (String, String) throws(TerminalRefusal) -> Int
    ) throws(TerminalRefusal) -> ClosedRange<Int>? {
        let startText = params["start_time"], endText = params["end_time"]
        guard startText != nil || endText != nil else { return nil }
        let start = try startText.map { text throws(TerminalRefusal) in try parse(text, "start_time") } ?? 0
        let end = try endText.map { text throws(TerminalRefusal) in try parse(text, "end_time") } ?? 86_399_999
        guard start <= end else { throw TerminalRefusal(.invalidParams, "start_time is after end_time.") }
        return start...end
    }
}

extension Substring {
    /// Right-padded with zeros to `length` (`.5` is 500 ms), or cut to it.
    func zeroPadded(to length: Int) -> String {
        String(prefix(length)) + String(repeating: "0", count: Swift.max(0, length - count))
    }
}
