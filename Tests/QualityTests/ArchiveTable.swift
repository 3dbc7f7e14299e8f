import ArchiveFormat
import Foundation
import MarketCalendar
import Parquet

/// A day in the archive's exact layout (the seven key and time columns, then the dataset's
/// nullable value columns, the footer's keys), held as rows of cells so that a test can change
/// known rows before writing the file.
struct ArchiveTable: Sendable {
    enum Cell: Sendable, Equatable {
        case text(String)
        case integer(Int64)
        case double(Double)
        case null

        var double: Double? { if case .double(let v) = self { v } else { nil } }
        var integer: Int64? { if case .integer(let v) = self { v } else { nil } }
        var text: String? { if case .text(let v) = self { v } else { nil } }
    }

    var columns: [ColumnDescriptor]
    var rows: [[Cell]]
    var footer: [KeyValue]

    func index(_ name: String) -> Int {
        guard let i = columns.firstIndex(where: { $0.name == name }) else { preconditionFailure("no column \(name)") }
        return i
    }

    subscript(row: Int, column: String) -> Cell {
        get { rows[row][index(column)] }
        set { rows[row][index(column)] = newValue }
    }

    /// The footer value of `key`.
    func footerValue(_ key: String) -> String? { footer.first { $0.key == key }?.value ?? nil }

    mutating func setFooter(_ key: String, _ value: String) {
        footer.removeAll { $0.key == key }
        footer.append(KeyValue(key, value))
    }

    /// Writes the table as an archive file, in row groups of `rowGroupRows` (small, so that
    /// contracts span groups), with the footer's row count.
    func write(to path: String, rowGroupRows: Int = 5_000) throws {
        var options = ParquetWriterOptions()
        options.rowGroupRowLimit = rowGroupRows
        options.pageRowLimit = min(rowGroupRows, ParquetWriterOptions.defaultPageRows)
        options.keyValueMetadata = footer.filter { $0.key != ArchiveFooter.Key.rows }
            + [KeyValue(ArchiveFooter.Key.rows, String(rows.count))]
        let writer = try ParquetWriter(path: path, schema: ParquetSchema(columns), options: options)
        try writer.write(columns.indices.map(batch))
        try writer.close()
    }

    private func batch(_ column: Int) -> ColumnBatch {
        let cells = rows.map { $0[column] }
        let validity: [Bool]? = columns[column].isOptional ? cells.map { $0 != .null } : nil
        let present = cells.filter { $0 != .null }
        switch columns[column].physicalType {
        case .byteArray: return ColumnBatch(.byteArray(ByteArrayColumn(strings: present.map { $0.text! })), validity: validity)
        case .int32: return ColumnBatch(.int32(present.map { Int32($0.integer!) }), validity: validity)
        case .int64: return ColumnBatch(.int64(present.map { $0.integer! }), validity: validity)
        case .double: return ColumnBatch(.double(present.map { $0.double! }), validity: validity)
        default: preconditionFailure("the archive has no \(columns[column].physicalType) column")
        }
    }

    /// The UTC instant in ms of New York's `msOfDay` on `date` (no session is near a clock change).
    static func instant(_ date: CivilDate, msOfDay: Int) -> Int64 {
        let offset = NewYorkTime.utcOffset(on: date, at: TimeOfDay(hour: 12))
        return Int64(date.daysSince1970) * 86_400_000 + Int64(msOfDay) - Int64(offset) * 1000
    }

    /// The archive's key and time columns.
    static let keyColumns = [
        ColumnDescriptor("root", .byteArray, logicalType: .string),
        ColumnDescriptor("expiration", .int32, logicalType: .date),
        ColumnDescriptor("strike", .int64),
        ColumnDescriptor("right", .byteArray, logicalType: .string),
        ColumnDescriptor("timestamp", .int64, logicalType: .timestamp(isAdjustedToUTC: true, unit: .millis)),
        ColumnDescriptor("date", .int32, logicalType: .date),
        ColumnDescriptor("ms_of_day", .int32),
    ]

    static func doubles(_ names: String...) -> [ColumnDescriptor] { names.map { ColumnDescriptor($0, .double, .optional) } }
    static func integers(_ names: String...) -> [ColumnDescriptor] { names.map { ColumnDescriptor($0, .int64, .optional) } }
    static func instants(_ names: String...) -> [ColumnDescriptor] {
        names.map { ColumnDescriptor($0, .int64, .optional, logicalType: .timestamp(isAdjustedToUTC: true, unit: .millis)) }
    }
}
