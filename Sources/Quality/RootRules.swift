/// What the checks need to know of an option root: its exchange's tick grid (V5), the tick
/// the tolerances allow (V7, G3, X1-X4), and whether it is exercised early (V7's bound).
struct RootRules: Sendable {
    enum Exercise: Sendable {
        /// Exercisable any day: never worth less than its intrinsic value.
        case american
        /// Exercisable at expiration only: may trade below intrinsic value by the carry.
        case european
        /// Not known here: the bound is not checked.
        case unknown
    }

    let exercise: Exercise
    /// The minimum increments in cents below $3.00 and from $3.00 up, for the roots whose grid
    /// is known (Cboe's SPX and SPXW: 5 and 10; the penny classes SPY, QQQ, IWM: 1); nil elsewhere.
    let grid: (low: Int64, high: Int64)?
    /// The increments a tolerance allows where the grid is not known: the index options'
    /// 5 and 10 cents, the widest listed increments, so that no tolerance is tighter than the market.
    private let toleranceCents: (low: Int64, high: Int64)

    init(root: String) {
        switch root {
        case "SPX", "SPXW":
            exercise = .european
            grid = (5, 10)
        case "SPY", "QQQ", "IWM":
            exercise = .american
            grid = (1, 1)
        case "NDX", "NDXP", "RUT", "RUTW", "XSP":
            exercise = .european
            grid = nil
        default:
            exercise = .unknown
            grid = nil
        }
        toleranceCents = grid ?? (5, 10)
    }

    /// One tick at `price`, in dollars: the low increment below $3.00, the high one from $3.00 up.
    @inline(__always)
    func tick(at price: Double) -> Double {
        Double(price < 3 ? toleranceCents.low : toleranceCents.high) / 100
    }

    /// Whether a positive `price` lies on the grid: a whole number of cents (within 1e-6 of a
    /// cent, what a decimal's nearest double can be off by) that the increment of its level
    /// divides. True when the root's grid is unknown.
    @inline(__always)
    func isOnGrid(_ price: Double) -> Bool {
        guard let grid else { return true }
        let cents = price * 100
        let whole = cents.rounded()
        guard abs(cents - whole) <= 1e-6, whole < 9e15 else { return false }
        let c = Int64(whole)
        return c % (c < 300 ? grid.low : grid.high) == 0
    }
}
