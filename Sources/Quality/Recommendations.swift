/// What a person can do about a day's worst checks: the exact command where one helps.
enum Recommendations {
    static func `for`(_ day: DayQuality) -> [String] {
        let refetch = "spx-data process \(day.date) --symbol \(day.symbol) --dataset \(day.dataset)"
        var out: [String] = []
        if let blocker = day.checks.first(where: { $0.severity == .blocker && $0.failed > 0 }) {
            out.append("The file cannot be trusted (\(blocker.id.rawValue): \(QualityCheck.of(blocker.id).summary)); "
                       + "re-fetch it: \(refetch)")
        }
        let worst = day.checks.filter { ($0.score ?? 1) < 1 }.sorted { ($0.score ?? 1) < ($1.score ?? 1) }.prefix(3)
        for result in worst {
            let share = (result.rate ?? 0) * 100
            let what = "\(result.id.rawValue): \(String(format2(share)))% \(QualityCheck.of(result.id).summary)"
            switch result.id {
            case .c1, .c2, .c3, .c4, .u1, .u2:
                out.append("Re-fetch \(day.symbol) \(day.date) (\(what)): \(refetch)")
            case .u3:
                out.append("Compare with the other dates named and re-fetch \(day.symbol) \(day.date) (\(what)): \(refetch)")
            default:
                out.append("Look at the examples before trading on these rows (\(what)); the file keeps them as served.")
            }
        }
        return out
    }

    private static func format2(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
