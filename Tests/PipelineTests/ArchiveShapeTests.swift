import Foundation
import MarketCalendar
import Parquet
import Testing
import TestSupport
import ThetaData
@testable import Pipeline

@Suite("Archive files: staged rows shaped into typed columns")
struct ArchiveShapeTests {
    /// Stages `body` (v3 CSV greeks) in two files and converts them into one shaped file.
    func archive(_ bodies: [[UInt8]], dir: String) throws -> ParquetFileReader {
        var paths: [String] = []
        for (i, body) in bodies.enumerated() {
            let staging = try StagingFile(path: "\(dir)/part\(i).ndjson", dataset: .greeks, version: .v3)
            for batch in try StagingFileTests.decode(body, .greeks) { try staging.append(batch) }
            paths.append(try staging.finish().path)
        }
        var options = ConversionOptions()
        options.shaping = ArchiveShape.shaping(for: .greeks, version: .v3)
        let output = dir + "/day.parquet"
        _ = try NDJSONConverter(schema: .staging(.greeks, .v3), options: options).convert(inputs: paths, output: output)
        return try ParquetFileReader(path: output)
    }

    func csv(_ rows: [String]) -> [UInt8] {
        let header = "symbol,expiration,strike,right,timestamp,bid,ask,delta,theta,vega,rho,epsilon,lambda,implied_vol,iv_error,underlying_timestamp,underlying_price"
        return Array(([header] + rows).joined(separator: "\r\n").utf8 + [13, 10])
    }

    @Test("dates become DATE, the New York time becomes a UTC instant across a daylight-saving change")
    func typedColumns() throws {
        let dir = NSTemporaryDirectory() + "spx-archive-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // 2024-03-08 is EST (UTC-5); 2024-03-11 is EDT (UTC-4), the day after the change.
        let reader = try archive([
            csv(["SPXW,2024-03-08,5100.000,CALL,2024-03-08T09:30:00.000,1.5,1.6,0.5,-1,2,3,4,5,0.2,0.001,2024-03-08T09:29:59.500,5100.25"]),
            csv(["SPX,2024-03-15,5000.500,PUT,2024-03-11T15:59:59.999,,2,-0.25,-1,2,3,4,5,0.2,0.001,,5101"]),
        ], dir: dir)
        let schema = reader.schema
        #expect(schema.columns.map(\.name).prefix(7) == ["root", "expiration", "strike", "right", "timestamp", "date", "ms_of_day"])
        #expect(schema.columns[1].logicalType == .date && schema.columns[4].logicalType == .timestamp(isAdjustedToUTC: true, unit: .millis))
        func column(_ name: String) throws -> ColumnValues {
            try reader.readColumn(rowGroup: 0, column: schema.index(of: name)!).values
        }
        let march8 = Int64(CivilDate(year: 2024, month: 3, day: 8)!.daysSince1970)
        let march11 = Int64(CivilDate(year: 2024, month: 3, day: 11)!.daysSince1970)
        #expect(try column("expiration") == .int32([Int32(march8), Int32(CivilDate(year: 2024, month: 3, day: 15)!.daysSince1970)]))
        #expect(try column("date") == .int32([Int32(march8), Int32(march11)]))
        #expect(try column("timestamp") == .int64([
            march8 * 86_400_000 + (14 * 3600 + 30 * 60) * 1000,  // 09:30 EST = 14:30Z
            march11 * 86_400_000 + (19 * 3600 + 59 * 60 + 59) * 1000 + 999,  // 15:59:59.999 EDT = 19:59:59.999Z
        ]))
        #expect(try column("strike") == .int64([5_100_000, 5_000_500]))
        #expect(try column("ms_of_day") == .int32([34_200_000, 57_599_999]))
        let bid = try reader.readColumn(rowGroup: 0, column: schema.index(of: "bid")!)
        #expect(bid.values == .double([1.5]) && bid.validity == [true, false])
        // The underlying's quote time is a whole instant, TIMESTAMP(ms, UTC) like the row's.
        let underlying = try #require(schema.index(of: "underlying_timestamp"))
        #expect(schema.columns[underlying].logicalType == .timestamp(isAdjustedToUTC: true, unit: .millis))
        #expect(schema.index(of: "underlying_ms_of_day") == nil && schema.index(of: "ms_of_day2") == nil)
        let underlyingTime = try reader.readColumn(rowGroup: 0, column: underlying)
        #expect(underlyingTime.values == .int64([march8 * 86_400_000 + (14 * 3600 + 29 * 60 + 59) * 1000 + 500])
                && underlyingTime.validity == [true, false])
    }

    @Test("an underlying time on the previous session stays on that day, in that day's UTC offset")
    func previousDayUnderlying() throws {
        let dir = NSTemporaryDirectory() + "spx-archive-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // The first bar of Monday 2024-03-11 (EDT) priced off Friday 2024-03-08's close (EST).
        let reader = try archive([
            csv(["SPXW,2024-03-15,5100.000,CALL,2024-03-11T09:30:00.000,1.5,1.6,0.5,-1,2,3,4,5,0.2,0.001,2024-03-08T16:03:53,5100.25"]),
        ], dir: dir)
        let underlying = try reader.readColumn(rowGroup: 0, column: reader.schema.index(of: "underlying_timestamp")!)
        let march8 = Int64(CivilDate(year: 2024, month: 3, day: 8)!.daysSince1970)
        // 16:03:53 EST is 21:03:53Z on March 8, three days and one offset before the row.
        #expect(underlying.values == .int64([march8 * 86_400_000 + (21 * 3600 + 3 * 60 + 53) * 1000]))
    }
}
