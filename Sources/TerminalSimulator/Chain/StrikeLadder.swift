/// Strikes of one expiration: centred on the day's opening level, on the root's spacing —
/// fine near the money, wider further out, as the exchange lists them.
enum StrikeLadder {
    /// `count` strikes in tenths of a cent, ascending.
    static func strikes(around center: Double, count: Int, spacing: (near: Double, middle: Double, far: Double)) -> [Int] {
        let below = count / 2, above = count - below - 1
        func step(_ i: Int, _ side: Int) -> Double {
            let share = Double(i) / Double(max(side, 1))
            return share <= 0.6 ? spacing.near : share <= 0.85 ? spacing.middle : spacing.far
        }
        let atm = (center / spacing.near).rounded() * spacing.near
        var result = [atm]
        var k = atm
        for i in stride(from: 1, through: above, by: 1) {
            let s = step(i, above)
            k = ((k / s).rounded(.down) + 1) * s
            result.append(k)
        }
        k = atm
        for i in stride(from: 1, through: below, by: 1) {
            let s = step(i, below)
            let next = ((k / s).rounded(.up) - 1) * s
            guard next > 0 else { break }
            k = next
            result.append(k)
        }
        return result.map { Int(($0 * 1000).rounded()) }.sorted()
    }
}
