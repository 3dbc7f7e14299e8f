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
            if i == 0, behaviours.firstBarUsesPreviousClose, let previous = day.previous {
                row.price(offPreviousClose: previous, pricer: pricer, higherOrders: higherOrders)
            }
            if behaviours.quietShare > 0, isQuiet(pricer, at: ms) { row.quieten() }
            out.append(row)
        }
    }

    /// Whether the interval of `pricer`'s contract starting at `ms` comes without a quote: its
    /// own draw, so the same intervals are quiet whatever the interval length or window.
    private func isQuiet(_ pricer: ContractPricer, at ms: Int) -> Bool {
        var draw = SeededHash(seed, pricer.key, UInt64(pricer.date.daysSince1970), UInt64(ms), 0x9_01E7)
        return draw.uniform() < behaviours.quietShare
    }
}

extension OptionRow {
    /// The Terminal's row for an interval without a quote: no bid, ask or sizes, every greek
    /// 0 with a placeholder implied volatility and a 100 error; the underlying stays.
    mutating func quieten() {
        (bidSize, bidExchange, bid, bidCondition) = (0, 0, 0, 0)
        (askSize, askExchange, ask, askCondition) = (0, 0, 0, 0)
        (delta, theta, vega, rho, epsilon, lambda) = (0, 0, 0, 0, 0, 0)
        (gamma, vanna, charm, vomma, veta) = (0, 0, 0, 0, 0)
        (speed, zomma, color, ultima) = (0, 0, 0, 0)
        (impliedVol, ivError) = (0.25, 100)
    }

    /// The first interval's greeks as the Terminal computes them before the underlying's first
    /// print: off the previous session's last price, stamped with that print's date and time.
    mutating func price(offPreviousClose previous: ChainPlan.PreviousClose, pricer: ContractPricer, higherOrders: Bool) {
        takeGreeks(of: pricer.row(minute: 0, ms: msOfDay, spot: previous.lastPrice, higherOrders: higherOrders))
        underlyingDate = previous.date
        underlyingMsOfDay = previous.lastPrintMs
        underlyingPrice = previous.lastPrice
    }
}
