import MarketCalendar

/// A growing byte buffer with the few number and date forms the Terminal prints. Hand-rolled
/// because `String(describing:)` per value is the simulator's hot path and allocates.
struct ByteSink {
    var bytes: [UInt8] = []

    init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func text(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func int(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var v = value.magnitude
        if v == 0 { bytes.append(UInt8(ascii: "0")); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while v > 0 {
                buffer[n] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                n += 1
            }
            for i in stride(from: n - 1, through: 0, by: -1) { bytes.append(buffer[i]) }
        }
    }

    /// `value` with exactly `places` decimals (values are pre-rounded, so this is exact).
    mutating func fixed(_ value: Double, places: Int) {
        let scale = places == 2 ? 100 : places == 3 ? 1000 : 10_000
        let n = Int((value * Double(scale)).rounded())
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        let m = abs(n)
        int(m / scale)
        bytes.append(UInt8(ascii: "."))
        var frac = m % scale
        var div = scale / 10
        while div > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(frac / div))
            frac %= div
            div /= 10
        }
    }

    mutating func twoDigits(_ v: Int) {
        bytes.append(UInt8(ascii: "0") + UInt8(v / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(v % 10))
    }

    /// `YYYY-MM-DD`.
    mutating func isoDate(_ d: CivilDate) {
        int(d.year)
        byte(UInt8(ascii: "-")); twoDigits(d.month)
        byte(UInt8(ascii: "-")); twoDigits(d.day)
    }

    /// `YYYYMMDD` as an integer, v2's date form.
    mutating func compactDate(_ d: CivilDate) { int(d.year * 10_000 + d.month * 100 + d.day) }

    /// `YYYY-MM-DDTHH:mm:ss.SSS`, New York time without an offset, as v3 prints timestamps.
    mutating func timestamp(_ d: CivilDate, _ ms: Int) {
        isoDate(d)
        byte(UInt8(ascii: "T"))
        twoDigits(ms / 3_600_000)
        byte(UInt8(ascii: ":")); twoDigits(ms / 60_000 % 60)
        byte(UInt8(ascii: ":")); twoDigits(ms / 1000 % 60)
        byte(UInt8(ascii: "."))
        let millis = ms % 1000
        bytes.append(UInt8(ascii: "0") + UInt8(millis / 100))
        twoDigits(millis % 100)
    }
}
