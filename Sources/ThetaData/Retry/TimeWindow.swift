/// A stretch of one trading day, in ms since New York midnight, inclusive at both ends as the
/// Terminal's `start_time`/`end_time` are. Split in halves when a request is too large (570).
public struct TimeWindow: Sendable, Hashable, CustomStringConvertible {
    public var startMs: Int32
    public var endMs: Int32

    public init(startMs: Int32, endMs: Int32) {
        precondition(startMs <= endMs, "a time window starts before it ends")
        self.startMs = startMs
        self.endMs = endMs
    }

    /// Regular trading hours, 09:30 to 16:00 New York, the Terminal's default window.
    public static let regularHours = TimeWindow(startMs: 34_200_000, endMs: 57_600_000)

    /// The two halves, split on a whole minute so no minute bar is cut in two; nil when the
    /// window is one minute or less and cannot usefully shrink.
    public func halves() -> (TimeWindow, TimeWindow)? {
        let minute: Int32 = 60_000
        let middle = (startMs + (endMs - startMs) / 2) / minute * minute
        guard middle > startMs, middle < endMs else { return nil }
        return (TimeWindow(startMs: startMs, endMs: middle - 1), TimeWindow(startMs: middle, endMs: endMs))
    }

    /// v3's `HH:MM:SS.SSS`.
    public static func v3Time(_ ms: Int32) -> String {
        func pad(_ v: Int32, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(ms / 3_600_000, 2)):\(pad(ms / 60_000 % 60, 2)):\(pad(ms / 1000 % 60, 2)).\(pad(ms % 1000, 3))"
    }

    /// The query items that limit a request to this window, in `version`'s spelling.
    public func queryItems(_ version: APIVersion) -> [(String, String)] {
        switch version {
        case .v2: [("start_time", String(startMs)), ("end_time", String(endMs))]
        case .v3: [("start_time", Self.v3Time(startMs)), ("end_time", Self.v3Time(endMs))]
        }
    }

    public var description: String { "\(Self.v3Time(startMs))–\(Self.v3Time(endMs))" }
}
