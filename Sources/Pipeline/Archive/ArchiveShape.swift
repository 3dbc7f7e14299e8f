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
///     …           the value columns the source API sends, nullable, exactly as sent; a
///                 date-time (`underlying_timestamp`, `created`, `last_trade`) as
///                 TIMESTAMP(ms, UTC), a v2 time without a date (`ms_of_day2`) as INT32
///
/// This is schema version 2 (`spx-data.schema_version`); see `ArchiveSchemaVersion`.
public enum ArchiveShape {
    /// Staging column positions the transform reads.
    private enum Staged {
        static let expiration = 1, date = 4, msOfDay = 5, firstValue = NDJSONSchema.firstStagedValue
    }

    /// - Parameter quietRows: counts the rows of intervals without a quote or trade (see
    ///   `QuietIntervals`) as they are written, when given.
    public static func shaping(for dataset: Dataset, version: APIVersion, quietRows: QuietRowCounter? = nil) -> BatchShaping {
        let staging = NDJSONSchema.staging(dataset, version)
        let stagingColumns = staging.parquetSchema.columns
        let values = dataset.columns(in: version)
        var columns = [
            ColumnDescriptor("root", .byteArray, logicalType: .string),
            ColumnDescriptor("expiration", .int32, logicalType: .date),
            ColumnDescriptor("strike", .int64),
            ColumnDescriptor("right", .byteArray, logicalType: .string),
            ColumnDescriptor("timestamp", .int64, logicalType: .timestamp(isAdjustedToUTC: true, unit: .millis)),
            ColumnDescriptor("date", .int32, logicalType: .date),
            ColumnDescriptor("ms_of_day", .int32),
        ]
        var encodings = staging.recommendedEncodings
        // Staged positions of the date-time columns, which become instants.
        var dateTimes: [Int] = []
        for (offset, column) in values.enumerated() {
            guard column.type == .dateTime else {
                columns.append(stagingColumns[Staged.firstValue + offset])
                continue
            }
            dateTimes.append(Staged.firstValue + offset)
            columns.append(ColumnDescriptor(column.name, .int64, .optional,
                                            logicalType: .timestamp(isAdjustedToUTC: true, unit: .millis)))
            // They move with the row's time, so deltas are small; a dictionary would not repeat.
            encodings[column.name] = .dictionary(fallback: .deltaBinaryPacked)
        }
        // Within a contract both step by the interval: deltas pack them to almost nothing.
        encodings["timestamp"] = .direct(.deltaBinaryPacked)
        encodings["expiration"] = .dictionary(fallback: .deltaBinaryPacked)
        encodings["date"] = .dictionary(fallback: .deltaBinaryPacked)
        let quiet = QuietIntervals(dataset: dataset, version: version)
        let instantColumns = dateTimes
        return BatchShaping(schema: ParquetSchema(columns), encodings: encodings) { staged in
            if let quietRows, let quiet { quietRows.add(quiet.count(in: staged)) }
            var out = staged
            var days = DayNumbers()
            out[Staged.expiration] = days.convert(staged[Staged.expiration])
            out[Staged.date] = days.convert(staged[Staged.date])
            for index in instantColumns { out[index] = instants(wallClock: staged[index]) }
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
        var clock = NewYorkOffsets()
        var out = [Int64]()
        out.reserveCapacity(ms.count)
        for i in 0..<ms.count {
            let day = Int64(days.days(compact[i]))
            out.append(clock.utcMillis(wallClock: day * 86_400_000 + Int64(ms[i])))
        }
        return ColumnBatch(.int64(out))
    }

    /// New York wall-clock ms (a staged date-time) to UTC instants in ms; nulls stay null.
    static func instants(wallClock batch: ColumnBatch) -> ColumnBatch {
        guard case .int64(let local) = batch.values else {
            preconditionFailure("a staged date-time is an int64 column")
        }
        var clock = NewYorkOffsets()
        return ColumnBatch(.int64(local.map { clock.utcMillis(wallClock: $0) }), validity: batch.validity)
    }
}

/// New York's UTC offset for wall-clock times, remembered for the day last asked: rows come
/// day by day, so the offset is worked out about once per contract, and hour by hour only on
/// the two days a year the clocks change.
struct NewYorkOffsets {
    private var day = Int64.min
    private var date = CivilDate(daysSince1970: 0)
    private var offsetMs: Int64 = 0
    private var clocksChange = false

    /// The instant at which New York's clocks show `wallClock` (ms since 1970-01-01 00:00 on
    /// New York's clock). Times the autumn change repeats read as daylight time, times the
    /// spring change skips as daylight time (`NewYorkTime.utcOffset`); no session is near either.
    mutating func utcMillis(wallClock: Int64) -> Int64 {
        let d = wallClock >= 0 ? wallClock / 86_400_000 : (wallClock - 86_399_999) / 86_400_000
        if d != day {
            day = d
            date = CivilDate(daysSince1970: Int(d))
            let (start, end) = NewYorkTime.daylightSaving(year: date.year)
            clocksChange = date == start || date == end
            offsetMs = Self.offsetMs(date, hour: 12)
        }
        guard clocksChange else { return wallClock - offsetMs }
        return wallClock - Self.offsetMs(date, hour: Int((wallClock - d * 86_400_000) / 3_600_000))
    }

    private static func offsetMs(_ date: CivilDate, hour: Int) -> Int64 {
        Int64(NewYorkTime.utcOffset(on: date, at: TimeOfDay(hour: hour))) * 1000
    }
}
