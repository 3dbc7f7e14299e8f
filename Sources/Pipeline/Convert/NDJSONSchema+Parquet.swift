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
    /// - strings, dates, strikes, prices and most greeks repeat enough for a dictionary;
    ///   where they stop repeating (lambda, the rarer greeks) the writer falls back to PLAIN,
    ///   which ZSTD compresses better here than BYTE_STREAM_SPLIT because the values are
    ///   short decimals whose bytes recur;
    /// - `ms_of_day` steps by a constant within a contract, which DELTA_BINARY_PACKED packs
    ///   to almost nothing where a dictionary would still spend ~9 bits a row.
    public var recommendedEncodings: [String: ColumnEncoding] {
        var result: [String: ColumnEncoding] = [:]
        for column in columns {
            switch column.kind {
            case .double: result[column.name] = .dictionary(fallback: .plain)
            case .int32, .int64:
                result[column.name] = column.name == "ms_of_day"
                    ? .direct(.deltaBinaryPacked) : .dictionary(fallback: .deltaBinaryPacked)
            case .string: result[column.name] = .dictionary(fallback: .plain)
            case .bool: result[column.name] = .direct(.plain)
            }
        }
        return result
    }
}
