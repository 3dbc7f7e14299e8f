/// Decodes the values section of a data page in any supported encoding.
struct ValueDecoder {
    let column: ColumnDescriptor
    let dictionary: ColumnValues?

    func decode(_ bytes: UnsafeRawBufferPointer, encoding: Encoding, count: Int) throws(ParquetError) -> ColumnValues {
        let type = column.physicalType
        let typeLength = Int(column.typeLength ?? 0)
        switch (encoding, type) {
        case (.plain, _):
            return try PlainEncoding.decode(bytes, type: type, typeLength: typeLength, count: count).0
        case (.rleDictionary, _), (.plainDictionary, _):
            return try decodeDictionary(bytes, count: count)
        case (.deltaBinaryPacked, .int32):
            let (v, _) = try DeltaBinaryPacked.decode(bytes, bitWidth32: true, maxCount: count)
            try expect(v.count, count, encoding)
            return .int32(v.map { Int32(truncatingIfNeeded: $0) })
        case (.deltaBinaryPacked, .int64):
            let (v, _) = try DeltaBinaryPacked.decode(bytes, bitWidth32: false, maxCount: count)
            try expect(v.count, count, encoding)
            return .int64(v)
        case (.deltaLengthByteArray, .byteArray):
            return .byteArray(try DeltaByteArray.decodeLengthPrefixed(bytes, count: count).0)
        case (.deltaByteArray, .byteArray):
            return .byteArray(try DeltaByteArray.decodeIncremental(bytes, count: count))
        case (.deltaByteArray, .fixedLenByteArray):
            let c = try DeltaByteArray.decodeIncremental(bytes, count: count)
            for i in 0..<c.count where c.length(at: i) != typeLength {
                throw ParquetError(.corruptPage, "DELTA_BYTE_ARRAY value \(i) has \(c.length(at: i)) bytes in a FIXED_LEN_BYTE_ARRAY(\(typeLength)) column")
            }
            return .fixedLenByteArray(c)
        case (.byteStreamSplit, .int32), (.byteStreamSplit, .float), (.byteStreamSplit, .int64),
             (.byteStreamSplit, .double), (.byteStreamSplit, .fixedLenByteArray):
            let width = type.fixedWidth ?? typeLength
            let joined = try ByteStreamSplit.decode(bytes, width: width, count: count)
            return try joined.withUnsafeBytesTyped { (raw) throws(ParquetError) in
                try PlainEncoding.decode(raw, type: type, typeLength: typeLength, count: count).0
            }
        case (.rle, .boolean):
            var cursor = ByteCursor(bytes)
            let length = Int(try cursor.readUInt32LE())
            let runs = try cursor.take(length)
            return .boolean(try RLEHybrid.decode(runs, width: 1, count: count).map { $0 == 1 })
        default:
            throw ParquetError(.unsupported, "\(encoding) encoding of \(type) values is not supported")
        }
    }

    private func expect(_ got: Int, _ want: Int, _ encoding: Encoding) throws(ParquetError) {
        guard got == want else {
            throw ParquetError(.corruptPage, "\(encoding) section holds \(got) values where the levels call for \(want)")
        }
    }

    private func decodeDictionary(_ bytes: UnsafeRawBufferPointer, count: Int) throws(ParquetError) -> ColumnValues {
        guard let dictionary else {
            throw ParquetError(.corruptPage, "a dictionary-encoded page without a dictionary page before it")
        }
        if count == 0 { return .empty(column.physicalType) }
        var cursor = ByteCursor(bytes)
        let width = Int(try cursor.readByte())
        let indices = try RLEHybrid.decode(cursor.rest(), width: width, count: count)
        let size = dictionary.count
        for (i, index) in indices.enumerated() where Int(index) >= size {
            throw ParquetError(.corruptPage, "dictionary index \(index) at value \(i) is outside the \(size)-entry dictionary")
        }
        switch dictionary {
        case .boolean(let d): return .boolean(indices.map { d[Int($0)] })
        case .int32(let d): return .int32(indices.map { d[Int($0)] })
        case .int64(let d): return .int64(indices.map { d[Int($0)] })
        case .float(let d): return .float(indices.map { d[Int($0)] })
        case .double(let d): return .double(indices.map { d[Int($0)] })
        case .byteArray(let d): return .byteArray(gather(d, indices))
        case .fixedLenByteArray(let d): return .fixedLenByteArray(gather(d, indices))
        }
    }

    private func gather(_ d: ByteArrayColumn, _ indices: [UInt32]) -> ByteArrayColumn {
        var out = ByteArrayColumn(minimumCapacity: indices.count, averageLength: 0)
        d.bytes.withUnsafeBytes { raw in
            for index in indices {
                let i = Int(index)
                out.append(UnsafeRawBufferPointer(rebasing: raw[d.offsets[i]..<d.offsets[i + 1]]))
            }
        }
        return out
    }
}
