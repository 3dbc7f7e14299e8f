import MarketCalendar
import Parquet
public import ThetaData

/// The columns of an archive file: the staging columns with typed dates and the row's
/// instant added, so a reader needs no knowledge of the Terminal's conventions.
///
///     root        STRING          SPX, SPXW
///     expiration  DATE
///     strike      INT64           tenths of a cent ($5100 is 5_100_000), the Terminal's key
///     right       STRING          C or P
///     timestamp   TIMESTAMP(ms, UTC)  the row's New York date and time as an instant
///     date        DATE            the New York trading date
///     ms_of_day   INT32           ms since New York midnight, as the Terminal sends it
///     …           the dataset's value columns, nullable, exactly as the Terminal sent them
public enum ArchiveShape {
    /// Staging column positions the transform reads.
    private enum Staged {
        static let expiration = 1, date = 4, msOfDay = 5, firstValue = 6
    }

    public static func shaping(for dataset: Dataset) -> BatchShaping {
        let staging = NDJSONSchema.staging(dataset)
        let stagingColumns = staging.parquetSchema.columns
        var columns = [
            ColumnDescriptor("root", .byteArray, logicalType: .string),
            ColumnDescriptor("expiration", .int32, logicalType: .date),
            ColumnDescriptor("strike", .int64),
            ColumnDescriptor("right", .byteArray, logicalType: .string),
            ColumnDescriptor("timestamp", .int64, logicalType: .timestamp(isAdjustedToUTC: true, unit: .millis)),
            ColumnDescriptor("date", .int32, logicalType: .date),
            ColumnDescriptor("ms_of_day", .int32),
        ]
        columns += stagingColumns[Staged.firstValue...]
        var encodings = staging.recommendedEncodings
        // Within a contract both step by the interval: deltas pack them to almost nothing.
        encodings["timestamp"] = .direct(.deltaBinaryPacked)
        encodings["expiration"] = .dictionary(fallback: .deltaBinaryPacked)
        encodings["date"] = .dictionary(fallback: .deltaBinaryPacked)
        return BatchShaping(schema: ParquetSchema(columns), encodings: encodings) { staged in
            var out = staged
            var days = DayNumbers()
            out[Staged.expiration] = days.convert(staged[Staged.expiration])
            out[Staged.date] = days.convert(staged[Staged.date])
            out.insert(instants(dates: staged[Staged.date], times: staged[Staged.msOfDay]), at: 4)
            // out now: root, expiration, strike, right, timestamp, date, ms_of_day, values…
            return out
        }
    }

    /// `YYYYMMDD` integers to days since 1970, remembering the last one (they repeat).
    struct DayNumbers {
        private var lastCompact: Int32 = -1
        private var lastDays: Int32 = 0

        mutating func convert(_ batch: ColumnBatch) -> ColumnBatch {
            guard case .int32(let compact) = batch.values else { return batch }
            return ColumnBatch(.int32(compact.map { days($0) }), validity: batch.validity)
        }

        mutating func days(_ compact: Int32) -> Int32 {
            if compact != lastCompact {
                lastCompact = compact
                let n = Int(compact)
                // The staging decoder accepted any int32; an impossible date maps to day 0
                // only if the Terminal sent one, which the client's parser already refuses.
                lastDays = Int32(CivilDate(year: n / 10_000, month: n / 100 % 100, day: n % 100)?.daysSince1970 ?? 0)
            }
            return lastDays
        }
    }

    /// The UTC instant in ms of each row's New York date and ms of day.
    static func instants(dates: ColumnBatch, times: ColumnBatch) -> ColumnBatch {
        guard case .int32(let compact) = dates.values, case .int32(let ms) = times.values else {
            preconditionFailure("staging date and ms_of_day are required int32 columns")
        }
        var days = DayNumbers()
        var lastDate: Int32 = -1
        var offsetMs = 0
        var out = [Int64]()
        out.reserveCapacity(ms.count)
        for i in 0..<ms.count {
            let day = days.days(compact[i])
            let t = Int(ms[i])
            // The offset changes at 02:00 on the two switch days; reuse it from 03:00 on.
            if compact[i] != lastDate || t < 3 * 3_600_000 {
                lastDate = t < 3 * 3_600_000 ? -1 : compact[i]
                let date = CivilDate(daysSince1970: Int(day))
                let time = TimeOfDay(hour: min(t / 3_600_000, 23), minute: t / 60_000 % 60)
                offsetMs = NewYorkTime.utcOffset(on: date, at: time) * 1000
            }
            out.append(Int64(day) * 86_400_000 + Int64(t) - Int64(offsetMs))
        }
        return ColumnBatch(.int64(out))
    }
}
