import MarketCalendar
import Testing
@testable import ThetaData

@Suite("Date-time fields: a v3 timestamp kept whole, whatever day it falls on")
struct DateTimeFieldTests {
    @Test("a date-time is the day number times a day plus the ms of day; an impossible date is no value")
    func wallClock() {
        let march3 = Int64(CivilDate(year: 2026, month: 3, day: 3)!.daysSince1970)
        #expect(FieldParser.wallClockMs((2026_03_03, 57_833_000)) == march3 * 86_400_000 + 57_833_000)
        #expect(FieldParser.wallClockMs((1969_12_31, 0)) == -86_400_000)
        for date: Int32 in [2023_02_29, 2024_02_30, 2024_04_31, 2024_13_01, 2024_00_10, 2024_01_00] {
            #expect(FieldParser.wallClockMs((date, 0)) == nil, "\(date)")
        }
    }

    @Test("an underlying time on the previous day keeps its date: the live fixture's row")
    func previousDayUnderlying() throws {
        let body = """
            symbol,expiration,strike,right,timestamp,bid,ask,delta,theta,vega,rho,epsilon,lambda,implied_vol,iv_error,underlying_timestamp,underlying_price
            SPXW,2026-03-13,6850.000,PUT,2026-03-04T09:07:13.376,84.6000,85.5000,-0.5576,-3.9430,398.3919,-85.1814,83.3173,-44.6958,0.1741,0.0000,2026-03-03T16:03:53,6816.6300

            """
        var rows: [OptionRow] = []
        var columns: [String] = []
        let report = try Array(body.utf8).withUnsafeBytes { raw in
            try BodyDecoder.decode(raw, dataset: .greeks, format: .v3CSV) { batch in
                rows += batch
                columns = batch.integerColumns
            }
        }
        #expect(report.malformedRows == 0 && rows.count == 1)
        let row = try #require(rows.first)
        #expect(row.date == 2026_03_04 && row.msOfDay == 9 * 3_600_000 + 7 * 60_000 + 13_376)
        #expect(columns == ["underlying_timestamp"])
        let march3 = Int64(CivilDate(year: 2026, month: 3, day: 3)!.daysSince1970)
        #expect(row.integers == [march3 * 86_400_000 + (16 * 3600 + 3 * 60 + 53) * 1000])
        #expect(row.doubles.last == 6816.63)
    }

    @Test("v2 keeps ms_of_day2 as sent; v3 has no such column, and v2 no underlying_timestamp")
    func columnsByVersion() {
        #expect(Dataset.greeks.columns(in: .v3).map(\.name).suffix(2) == ["underlying_timestamp", "underlying_price"])
        #expect(Dataset.greeks.columns(in: .v2).map(\.name).suffix(2) == ["ms_of_day2", "underlying_price"])
        #expect(Dataset.eod.columns(in: .v3).prefix(2).map(\.name) == ["created", "last_trade"])
        #expect(Dataset.eod.columns(in: .v2).first?.name == "ms_of_day2")
        #expect(!Dataset.ohlc.columns(in: .v2).contains { $0.name == "vwap" })
        for dataset in Dataset.all {
            for version in APIVersion.allCases {
                #expect(dataset.columns(in: version).allSatisfy { $0.type != .dateTime || version == .v3 })
            }
        }
    }

    @Test("EOD's created is the row's time and a column of its own")
    func eodCreated() throws {
        let body = """
            symbol,expiration,strike,right,created,last_trade,open,high,low,close,volume,count,bid_size,bid_exchange,bid,bid_condition,ask_size,ask_exchange,ask,ask_condition
            SPXW,2024-03-15,5100.000,CALL,2024-03-14T17:15:04.5,2024-03-11T10:02:00,0,0,0,0,0,0,10,5,1.25,50,12,5,1.35,50

            """
        var rows: [OptionRow] = []
        _ = try Array(body.utf8).withUnsafeBytes { raw in
            try BodyDecoder.decode(raw, dataset: .eod, format: .v3CSV) { rows += $0 }
        }
        let row = try #require(rows.first)
        let march14 = Int64(CivilDate(year: 2024, month: 3, day: 14)!.daysSince1970)
        let march11 = Int64(CivilDate(year: 2024, month: 3, day: 11)!.daysSince1970)
        #expect(row.date == 2024_03_14 && row.msOfDay == 62_104_500)
        #expect(row.integers[0] == march14 * 86_400_000 + 62_104_500)
        #expect(row.integers[1] == march11 * 86_400_000 + 36_120_000)
    }
}
