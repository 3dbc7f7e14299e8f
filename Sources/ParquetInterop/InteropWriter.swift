import Parquet

enum InteropWriter {
    static func write(_ spec: TableSpec, to path: String) throws {
        let descriptors = try spec.columns.map { try $0.descriptor() }
        var options = ParquetWriterOptions()
        if let o = spec.options {
            if let c = o.codec {
                guard let codec = CompressionCodec(name: c) else { throw SpecError(description: "unknown codec \(c)") }
                options.codec = codec
            }
            options.compressionLevel = o.level
            if let v = o.page_version { options.pageVersion = v == 2 ? .v2 : .v1 }
            if let n = o.row_group_rows { options.rowGroupRowLimit = n }
            if let n = o.page_rows { options.pageRowLimit = n }
            if let n = o.dictionary_limit { options.dictionaryByteLimit = n }
        }
        for (column, descriptor) in zip(spec.columns, descriptors) {
            guard let name = column.encoding else { continue }
            switch name {
            case "RLE_DICTIONARY", "PLAIN_DICTIONARY":
                options.columnEncodings[column.name] = .dictionary(fallback: .plain)
            default:
                guard let e = Encoding(name: name) else { throw SpecError(description: "unknown encoding \(name)") }
                options.columnEncodings[column.name] = .direct(e)
            }
            _ = descriptor
        }
        options.keyValueMetadata = (spec.metadata ?? [:]).sorted { $0.key < $1.key }.map { KeyValue($0.key, $0.value) }
        let writer = try ParquetWriter(path: path, schema: ParquetSchema(descriptors), options: options)
        let batches = try zip(spec.columns, descriptors).map { try $0.batch($1.physicalType) }
        // Feed the rows in a few slices so batch boundaries inside row groups get exercised too.
        let rows = batches.first?.rowCount ?? 0
        var start = 0
        let step = max(1, rows / 3 + 1)
        while start < rows {
            let end = min(rows, start + step)
            try writer.write(batches.map { $0.slice(rows: start..<end) })
            start = end
        }
        try writer.close()
    }
}

