/// The two delta encodings for byte arrays, read-only: pyarrow and DuckDB write them, and
/// the writer has no need to (dictionary encoding serves our string columns better).
enum DeltaByteArray {
    /// DELTA_LENGTH_BYTE_ARRAY: the lengths as DELTA_BINARY_PACKED, then the bytes concatenated.
    static func decodeLengthPrefixed(
        _ bytes: UnsafeRawBufferPointer, count: Int
    ) throws(ParquetError) -> (ByteArrayColumn, Int) {
        let (lengths, consumed) = try DeltaBinaryPacked.decode(bytes, bitWidth32: true, maxCount: count)
        guard lengths.count == count else {
            throw ByteCursor.corrupt("DELTA_LENGTH_BYTE_ARRAY has \(lengths.count) lengths for \(count) values")
        }
        var total = 0
        for length in lengths {
            guard length >= 0 else { throw ByteCursor.corrupt("negative byte-array length \(length)") }
            total += Int(length)
        }
        guard total <= bytes.count - consumed else {
            throw ByteCursor.corrupt("DELTA_LENGTH_BYTE_ARRAY lengths sum to \(total) bytes but \(bytes.count - consumed) remain")
        }
        var column = ByteArrayColumn(minimumCapacity: count, averageLength: 0)
        column.appendRaw(UnsafeRawBufferPointer(rebasing: bytes[consumed..<consumed + total]), lengths: lengths.lazy.map { Int($0) })
        return (column, consumed + total)
    }

    /// DELTA_BYTE_ARRAY: prefix lengths (shared with the previous value) as
    /// DELTA_BINARY_PACKED, then the suffixes as DELTA_LENGTH_BYTE_ARRAY.
    static func decodeIncremental(_ bytes: UnsafeRawBufferPointer, count: Int) throws(ParquetError) -> ByteArrayColumn {
        let (prefixes, consumed) = try DeltaBinaryPacked.decode(bytes, bitWidth32: true, maxCount: count)
        guard prefixes.count == count else {
            throw ByteCursor.corrupt("DELTA_BYTE_ARRAY has \(prefixes.count) prefix lengths for \(count) values")
        }
        let (suffixes, _) = try decodeLengthPrefixed(UnsafeRawBufferPointer(rebasing: bytes[consumed...]), count: count)
        var column = ByteArrayColumn(minimumCapacity: count, averageLength: 0)
        var previous: [UInt8] = []
        for i in 0..<count {
            let prefix = Int(prefixes[i])
            guard prefix >= 0, prefix <= previous.count else {
                throw ByteCursor.corrupt("DELTA_BYTE_ARRAY value \(i) shares \(prefix) bytes with a \(previous.count)-byte predecessor")
            }
            var value = Array(previous[0..<prefix])
            value.append(contentsOf: suffixes.bytes[suffixes.offsets[i]..<suffixes.offsets[i + 1]])
            column.append(value)
            previous = value
        }
        return column
    }
}
