import MarketCalendar

/// The rows of one contract, one session at a time, each dataset its own way.
extension ChainPlan {
    /// Rows of one slice, in session then interval order.
    public func rows(of slice: Slice) -> [OptionRow] {
        var out: [OptionRow] = []
        out.reserveCapacity(rowCount(of: slice))
        for index in slice.days {
            let day = days[index]
            let pricer = ContractPricer(slice.contract, on: day.path, profile: profile)
            switch request.dataset {
            case .greeks, .greeksSecondOrder, .greeksThirdOrder, .quote: appendQuotes(of: pricer, on: day, to: &out)
            case .ohlc: appendBars(of: pricer, on: day, to: &out)
            case .openInterest: out.append(openInterestRow(of: pricer, on: day))
            case .eod: out.append(endOfDayRow(of: pricer, on: day))
            }
        }
        return out
    }

    /// Quote and greeks rows: one per interval, each minute priced once and repeated by the
    /// intervals inside it, as the Terminal repeats the last value in quiet intervals.
    private func appendQuotes(of pricer: ContractPricer, on day: Day, to out: inout [OptionRow]) {
        let path = day.path
        let higherOrders = request.dataset == .greeksSecondOrder || request.dataset == .greeksThirdOrder
        var lastMinute = -1
        var template: OptionRow?
        for i in day.firstInterval..<(day.firstInterval + day.intervals) {
            let ms = path.openMs + i * request.intervalMs
            let minute = (ms - path.openMs) / 60_000
            if minute != lastMinute || template == nil {
                lastMinute = minute
                template = pricer.row(minute: minute, ms: ms, higherOrders: higherOrders)
            }
            var row = template!
            row.msOfDay = ms
            out.append(row)
        }
    }
}
