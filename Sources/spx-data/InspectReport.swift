import ArchiveFormat
import Parquet

/// The facts `parquet inspect` shows, shaped for JSON (snake_case keys) and for text.
struct InspectReport: Encodable {
    struct Column: Encodable {
        var name: String
        var physical_type: String
        var logical_type: String?
        var repetition: String
        var type_length: Int32?
    }
    struct Chunk: Encodable {
        var column: String
        var encodings: [String]
        var codec: String
        var values: Int64
        var compressed_bytes: Int64
        var uncompressed_bytes: Int64
        var null_count: Int64?
        var min: String?
        var max: String?
        var pages: [String: Int32]
    }
    struct RowGroup: Encodable {
        var index: Int
        var rows: Int64
        var compressed_bytes: Int64
        var uncompressed_bytes: Int64
        var columns: [Chunk]
    }

    var file: String?
    var file_bytes: Int64?
    var rows: Int64
    var created_by: String?
    var format_version: Int32
    var columns: [Column]
    var row_groups: [RowGroup]
    var metadata: [String: String]
    /// The archive layout generation (`ArchiveSchemaVersion`); nil for a file spx-data did not archive.
    var archive_schema_version: Int?

    init(_ reader: ParquetFileReader, fileSize: Int64?) {
        let meta = reader.metadata
        file = reader.path
        file_bytes = fileSize
        rows = meta.numRows
        created_by = meta.createdBy
        format_version = meta.version
        columns = meta.schema.columns.map {
            Column(name: $0.name, physical_type: $0.physicalType.description, logical_type: $0.logicalType?.description,
                   repetition: $0.repetition.description, type_length: $0.typeLength)
        }
        row_groups = meta.rowGroups.enumerated().map { g, group in
            RowGroup(
                index: g, rows: group.numRows,
                compressed_bytes: group.columns.reduce(0) { $0 + $1.totalCompressedSize },
                uncompressed_bytes: group.columns.reduce(0) { $0 + $1.totalUncompressedSize },
                columns: zip(meta.schema.columns, group.columns).map { column, chunk in
                    var pages: [String: Int32] = [:]
                    for s in chunk.encodingStats { pages["\(s.pageType)/\(s.encoding)", default: 0] += s.count }
                    let bounds = meta.hasTypeDefinedColumnOrders ? chunk.statistics : nil
                    return Chunk(
                        column: column.name, encodings: chunk.encodings.map(\.description), codec: chunk.codec.description,
                        values: chunk.numValues, compressed_bytes: chunk.totalCompressedSize,
                        uncompressed_bytes: chunk.totalUncompressedSize, null_count: chunk.statistics?.nullCount,
                        min: bounds?.minValue.map { StatisticRenderer.render($0, column) },
                        max: bounds?.maxValue.map { StatisticRenderer.render($0, column) },
                        pages: pages)
                })
        }
        var kv: [String: String] = [:]
        for entry in meta.keyValueMetadata { kv[entry.key] = entry.value ?? "" }
        metadata = kv
        archive_schema_version = ArchiveSchemaVersion.of(meta.keyValueMetadata)
    }

    func tableText() -> String {
        var out = ""
        out += "file        \(file ?? "-")\n"
        if let file_bytes { out += "size        \(ByteCount.human(file_bytes)) (\(file_bytes) bytes)\n" }
        out += "rows        \(rows)\n"
        out += "row groups  \(row_groups.count)\n"
        out += "created by  \(created_by ?? "-")\n"
        if let archive_schema_version { out += "archive     schema version \(ArchiveSchemaVersion.describe(archive_schema_version))\n" }
        out += "\n"
        out += TextTable(
            headers: ["column", "physical", "logical", "repetition"],
            rows: columns.map { [$0.name, $0.physical_type + ($0.type_length.map { "(\($0))" } ?? ""), $0.logical_type ?? "-", $0.repetition] }
        ).render()
        for group in row_groups {
            out += "\nrow group \(group.index): \(group.rows) rows, \(ByteCount.human(group.compressed_bytes)) compressed, "
                + "\(ByteCount.human(group.uncompressed_bytes)) uncompressed\n"
            out += TextTable(
                headers: ["column", "encodings", "codec", "compressed", "uncompressed", "nulls", "min", "max"],
                rows: group.columns.map {
                    [$0.column, $0.encodings.joined(separator: ","), $0.codec, ByteCount.human($0.compressed_bytes),
                     ByteCount.human($0.uncompressed_bytes), $0.null_count.map(String.init) ?? "-",
                     $0.min.map { String($0.prefix(32)) } ?? "-", $0.max.map { String($0.prefix(32)) } ?? "-"]
                }
            ).render()
        }
        if !metadata.isEmpty {
            out += "\nkey-value metadata\n"
            for key in metadata.keys.sorted() {
                let value = metadata[key] ?? ""
                out += "  \(key) = \(value.count > 120 ? String(value.prefix(117)) + "..." : value)\n"
            }
        }
        return out
    }
}

enum ByteCount {
    static func human(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : "\((value * 10).rounded() / 10) \(units[unit])"
    }
}
