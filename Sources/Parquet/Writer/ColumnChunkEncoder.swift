/// One column chunk encoded in memory: its pages (headers included), ready to be written.
struct EncodedChunk: Sendable {
    var bytes: [UInt8] = []
    /// Bytes of the dictionary page (header + body) at the start of `bytes`; 0 if none.
    var dictionaryPageLength = 0
    var totalUncompressedSize = 0
    var numValues = 0
    var encodings: [Encoding] = []
    var encodingStats: [PageEncodingStats] = []
    var statistics: Statistics
}

/// Encodes the buffered values of one column for one row group into pages.
///
/// The chunk is in memory already (the writer buffers one row group), so pages are built
/// in order and the dictionary page, which must come first, is prepended at the end.
struct ColumnChunkEncoder {
    /// Values seen before the distinct ratio may abandon a dictionary.
    static let distinctProbeValues = 4096

    let column: ColumnDescriptor
    let options: ParquetWriterOptions

    /// - Parameters:
    ///   - segments: the chunk's rows, in order, as consecutive batches; pages never span two.
    ///   - rowCount: the rows of all segments together.
    func encode(_ segments: [ColumnBatch], rowCount: Int, compressor: PageCompressor) throws(ParquetError) -> EncodedChunk {
        // An empty chunk still gets its one (empty) page.
        let segments = segments.isEmpty ? [ColumnBatch(.empty(column.physicalType))] : segments
        var chunk = EncodedChunk(statistics: StatisticsBuilder.compute(segments, column: column))
        chunk.numValues = rowCount
        var dictionary = DictionaryState(type: column.physicalType)
        var useDictionary: Bool
        let fallback: Encoding
        switch options.encoding(for: column) {
        case .dictionary(let f):
            useDictionary = true
            fallback = f
        case .direct(let e):
            useDictionary = false
            fallback = e
        }
        var dataPages: [UInt8] = []
        var pageCounts: [Encoding: Int32] = [:]
        var scratch: [UInt8] = []
        var levels: [UInt32] = []
        // Values of the segments before the current one, for the distinct ratio.
        var valuesBefore = 0
        for segment in segments {
            let values = segment.values, validity = segment.validity, segmentRows = segment.rowCount
            var row = 0, valueIndex = 0
            repeat {
                let rows = pageRows(from: row, valueIndex: valueIndex, values: values, validity: validity, rowCount: segmentRows)
                var present = rows
                if let validity {
                    present = 0
                    for r in row..<row + rows where validity[r] { present += 1 }
                }
                let valueRange = valueIndex..<valueIndex + present
                scratch.removeAll(keepingCapacity: true)
                let encoding: Encoding
                if useDictionary {
                    encoding = .rleDictionary
                    dictionary.appendIndices(values, range: valueRange, into: &scratch)
                } else {
                    encoding = fallback
                    encodeDirect(values, range: valueRange, encoding: fallback, into: &scratch)
                }
                if column.isOptional {
                    levels.removeAll(keepingCapacity: true)
                    if let validity {
                        for r in row..<row + rows { levels.append(validity[r] ? 1 : 0) }
                    } else {
                        levels.append(contentsOf: repeatElement(1, count: rows))
                    }
                }
                let page = try PageBuilder.dataPage(
                    values: scratch, levels: column.isOptional ? levels : nil, rows: rows, nulls: rows - present,
                    encoding: encoding, version: options.pageVersion, checksum: options.writeChecksums, compressor: compressor)
                dataPages.append(contentsOf: page.bytes)
                chunk.totalUncompressedSize += page.uncompressedLength
                pageCounts[encoding, default: 0] += 1
                // Once the dictionary is over its budget, the remaining pages use the fallback. So do
                // they when most values are new: past three in four, the dictionary stores nearly
                // every value once anyway and adds an index per row and a lookup per value (option
                // lambdas, ~85% distinct, came out smaller and faster as PLAIN under ZSTD).
                let seen = valuesBefore + valueIndex + present
                if useDictionary && (dictionary.plainSize > options.dictionaryByteLimit
                    || (seen >= Self.distinctProbeValues && dictionary.count * 4 > seen * 3)) {
                    useDictionary = false
                }
                row += rows
                valueIndex += present
            } while row < segmentRows
            valuesBefore += valueIndex
        }

        var encodings: [Encoding] = []
        if dictionary.count > 0 || pageCounts[.rleDictionary] != nil {
            scratch.removeAll(keepingCapacity: true)
            dictionary.plainValues(typeLength: Int(column.typeLength ?? 0), into: &scratch)
            let page = try PageBuilder.dictionaryPage(
                values: scratch, count: dictionary.count, checksum: options.writeChecksums, compressor: compressor)
            chunk.bytes = page.bytes
            chunk.dictionaryPageLength = page.bytes.count
            chunk.totalUncompressedSize += page.uncompressedLength
            chunk.encodingStats.append(PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1))
            encodings.append(.plain)
        }
        chunk.bytes.append(contentsOf: dataPages)
        encodings.append(.rle)  // levels (and dictionary indices)
        let dataPageType: PageType = options.pageVersion == .v1 ? .dataPage : .dataPageV2
        for encoding in [Encoding.rleDictionary, .plain, .deltaBinaryPacked, .byteStreamSplit] {
            guard let count = pageCounts[encoding] else { continue }
            if !encodings.contains(encoding) { encodings.append(encoding) }
            chunk.encodingStats.append(PageEncodingStats(pageType: dataPageType, encoding: encoding, count: count))
        }
        chunk.encodings = encodings
        return chunk
    }

    /// Rows in the page starting at `row`: at most `pageRowLimit`, and few enough that the
    /// values stay within `pageByteLimit`.
    private func pageRows(from row: Int, valueIndex: Int, values: ColumnValues, validity: [Bool]?, rowCount: Int) -> Int {
        var rows = min(options.pageRowLimit, rowCount - row)
        let width: Int
        switch values {
        case .boolean: width = 1
        case .int32, .float: width = 4
        case .int64, .double: width = 8
        case .fixedLenByteArray: width = Int(column.typeLength ?? 1)
        case .byteArray(let c):
            if rows == 0 { return 0 }
            // Walk the lengths until the byte budget is spent (always at least one row).
            var bytes = 0, r = 0, v = valueIndex
            while r < rows {
                if validity?[row + r] ?? true {
                    bytes += 4 + c.length(at: v)
                    v += 1
                }
                r += 1
                if bytes >= options.pageByteLimit { break }
            }
            return max(1, r)
        }
        // Equal pages rather than full ones and a short tail: a short page compresses worse.
        let limit = min(options.pageRowLimit, max(1, options.pageByteLimit / max(1, width)))
        let remaining = rowCount - row
        let pages = (remaining + limit - 1) / limit
        rows = pages == 0 ? 0 : (remaining + pages - 1) / pages
        return max(rows, rowCount == 0 ? 0 : 1)
    }

    private func encodeDirect(_ values: ColumnValues, range: Range<Int>, encoding: Encoding, into out: inout [UInt8]) {
        switch (encoding, values) {
        case (.deltaBinaryPacked, .int32(let v)):
            let wide = v[range].map { Int64($0) }
            wide.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, bitWidth32: true, into: &out) }
        case (.deltaBinaryPacked, .int64(let v)):
            v.withUnsafeBufferPointer {
                DeltaBinaryPacked.encode(UnsafeBufferPointer(rebasing: $0[range]), bitWidth32: false, into: &out)
            }
        case (.byteStreamSplit, .int32(let v)): splitFixed(v, range, into: &out)
        case (.byteStreamSplit, .int64(let v)): splitFixed(v, range, into: &out)
        case (.byteStreamSplit, .float(let v)): splitFixed(v, range, into: &out)
        case (.byteStreamSplit, .double(let v)): splitFixed(v, range, into: &out)
        case (.byteStreamSplit, .fixedLenByteArray(let c)):
            let width = Int(column.typeLength ?? 1)
            c.bytes.withUnsafeBytes { raw in
                let start = c.offsets[range.lowerBound], end = c.offsets[range.upperBound]
                ByteStreamSplit.encode(UnsafeRawBufferPointer(rebasing: raw[start..<end]), width: width, count: range.count, into: &out)
            }
        default:
            PlainEncoding.encode(values, range: range, typeLength: Int(column.typeLength ?? 0), into: &out)
        }
    }

    private func splitFixed<T>(_ values: [T], _ range: Range<Int>, into out: inout [UInt8]) {
        values.withUnsafeBufferPointer { buffer in
            let slice = UnsafeBufferPointer(rebasing: buffer[range])
            ByteStreamSplit.encode(UnsafeRawBufferPointer(slice), width: MemoryLayout<T>.size, count: range.count, into: &out)
        }
    }
}
