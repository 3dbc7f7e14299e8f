public import Parquet

extension NDJSONSchema {
    /// The Parquet schema a staging file of this shape is written with.
    public var parquetSchema: ParquetSchema {
        ParquetSchema(columns.map { column in
            let repetition: Repetition = column.nullable ? .optional : .required
            switch column.kind {
            case .string: return ColumnDescriptor(column.name, .byteArray, repetition, logicalType: .string)
            case .int32: return ColumnDescriptor(column.name, .int32, repetition)
            case .int64: return ColumnDescriptor(column.name, .int64, repetition)
            case .double: return ColumnDescriptor(column.name, .double, repetition)
            case .bool: return ColumnDescriptor(column.name, .boolean, repetition)
            }
        })
    }

    /// Encodings chosen for option data, measured on a trading day of greeks:
    /// - strings, dates, strikes and prices repeat heavily: dictionary;
    /// - times of day step by a constant within a contract: DELTA_BINARY_PACKED packs them
    ///   to almost nothing where a dictionary would still spend ~9 bits a row;
    /// - greeks have too many distinct values for a dictionary to last a row group, so they
    ///   fall back to BYTE_STREAM_SPLIT, which lets ZSTD see the exponent bytes together.
    public var recommendedEncodings: [String: ColumnEncoding] {
        var result: [String: ColumnEncoding] = [:]
        for column in columns {
            switch column.kind {
            case .double: result[column.name] = .dictionary(fallback: .byteStreamSplit)
            case .int32, .int64:
                result[column.name] = column.name.hasPrefix("ms_of_day")
                    ? .direct(.deltaBinaryPacked) : .dictionary(fallback: .deltaBinaryPacked)
            case .string: result[column.name] = .dictionary(fallback: .plain)
            case .bool: result[column.name] = .direct(.plain)
            }
        }
        return result
    }
}
