import Parquet
import Testing
import TestSupport
import ThetaData
@testable import Pipeline

@Suite("Quiet intervals: counted in place, nulls never counted")
struct QuietIntervalsTests {
    /// A staged greeks batch whose bid and ask are `rows`' values (nil: null); other columns empty.
    func staged(_ rows: [(bid: Double?, ask: Double?)], dataset: Dataset = .greeks) -> [ColumnBatch] {
        let schema = NDJSONSchema.staging(dataset, .v3)
        return schema.columns.map { column in
            switch column.name {
            case "bid", "ask":
                let values = rows.map { column.name == "bid" ? $0.bid : $0.ask }
                let present = values.compactMap { $0 }
                return ColumnBatch(.double(present), validity: present.count == values.count ? nil : values.map { $0 != nil })
            default:
                return ColumnBatch(.double([]))
            }
        }
    }

    @Test("for random rows with nulls, the count is the rows whose bid and ask are both present and 0")
    func matchesRowByRow() throws {
        var random = SeededRandom(seed: 4)
        let quiet = try #require(QuietIntervals(dataset: .greeks, version: .v3))
        for _ in 0..<200 {
            let rows: [(bid: Double?, ask: Double?)] = (0..<Int.random(in: 0...60, using: &random)).map { _ in
                func value() -> Double? { [nil, 0, 0, 1.25][Int.random(in: 0..<4, using: &random)] }
                return (value(), value())
            }
            let want = rows.count { $0.bid == 0 && $0.ask == 0 }
            #expect(quiet.count(in: staged(rows)) == want)
        }
    }

    @Test("datasets without intervals have no quiet rows; OHLC counts bars without volume")
    func rules() throws {
        #expect(QuietIntervals(dataset: .openInterest, version: .v3) == nil)
        #expect(QuietIntervals(dataset: .eod, version: .v2) == nil)
        let ohlc = try #require(QuietIntervals(dataset: .ohlc, version: .v2))
        let schema = NDJSONSchema.staging(.ohlc, .v2)
        let batch = schema.columns.map { column in
            column.name == "volume" ? ColumnBatch(.int64([0, 3, 0]), validity: [true, true, false, true]) : ColumnBatch(.double([]))
        }
        #expect(ohlc.count(in: batch) == 2)
    }
}
