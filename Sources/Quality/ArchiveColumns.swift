import ArchiveFormat
import Parquet

/// Where the columns the checks read are in a file, and whether the file has the archive's
/// shape (check S1): the seven key and time columns every archive file starts with, and the
/// value columns its dataset cannot do without, each of its type.
struct ArchiveColumns: Sendable {
    /// Every column of the file by name.
    let index: [String: Int]
    /// S1: the required columns checked, the missing or mistyped ones failed.
    let schemaTally: CheckTally
    let dataset: String
    /// Whether the key and time columns are all there with their types, so rows can be read.
    let isUsable: Bool

    /// A column the archive's files have, with its physical type.
    struct Required {
        var name: String
        var type: PhysicalType
    }

    /// root, expiration, strike, right, timestamp, date, ms_of_day.
    static let keyColumns: [Required] = [
        .init(name: "root", type: .byteArray), .init(name: "expiration", type: .int32), .init(name: "strike", type: .int64),
        .init(name: "right", type: .byteArray), .init(name: "timestamp", type: .int64), .init(name: "date", type: .int32),
        .init(name: "ms_of_day", type: .int32),
    ]

    /// The value columns a dataset's file cannot do without, whichever API it came from.
    static func valueColumns(_ dataset: String) -> [Required] {
        func doubles(_ names: String...) -> [Required] { names.map { Required(name: $0, type: .double) } }
        func integers(_ names: String...) -> [Required] { names.map { Required(name: $0, type: .int64) } }
        switch dataset {
        case "greeks", "greeks_second_order", "greeks_third_order": return doubles("bid", "ask", "implied_vol", "iv_error", "underlying_price")
        case "quotes": return doubles("bid", "ask") + integers("bid_size", "ask_size")
        case "ohlc": return doubles("open", "high", "low", "close") + integers("volume", "count")
        case "open_interest": return integers("open_interest")
        case "eod": return doubles("open", "high", "low", "close", "bid", "ask") + integers("volume", "count")
        default: return []
        }
    }

    init(schema: ParquetSchema, footer: ArchiveFooter) {
        var index: [String: Int] = [:]
        for (i, column) in schema.columns.enumerated() { index[column.name] = i }
        self.index = index
        dataset = footer.dataset ?? ""
        var tally = CheckTally()
        if !footer.isArchiveFile {
            tally.count(failed: true, key: "no spx-data.dataset in the footer: not an archive file")
        }
        var keysUsable = true
        for required in Self.keyColumns + Self.valueColumns(dataset) {
            let type = index[required.name].map { schema.columns[$0].physicalType }
            let good = type == required.type
            tally.count(failed: !good, key: type.map { "\(required.name) is \($0), expected \(required.type)" } ?? "missing \(required.name)")
            if !good && Self.keyColumns.contains(where: { $0.name == required.name }) { keysUsable = false }
        }
        schemaTally = tally
        isUsable = keysUsable
    }
}
