/// A page header (Thrift `PageHeader` and its per-type headers).
struct PageHeader: Equatable {
    var type: PageType
    var uncompressedPageSize: Int32
    var compressedPageSize: Int32
    var crc: UInt32?
    var dataPage: DataPageHeader?
    var dataPageV2: DataPageHeaderV2?
    var dictionaryPage: DictionaryPageHeader?
}

struct DataPageHeader: Equatable {
    var numValues: Int32
    var encoding: Encoding
    var definitionLevelEncoding: Encoding
    var repetitionLevelEncoding: Encoding
}

struct DataPageHeaderV2: Equatable {
    var numValues: Int32
    var numNulls: Int32
    var numRows: Int32
    var encoding: Encoding
    var definitionLevelsByteLength: Int32
    var repetitionLevelsByteLength: Int32
    var isCompressed: Bool
}

struct DictionaryPageHeader: Equatable {
    var numValues: Int32
    var encoding: Encoding
    var isSorted: Bool?
}
