import Hummingbird

/// The connection is dropped on purpose (the `reset` and `truncate` faults).
struct SimulatedDisconnect: Error {}

/// Streams rows `range` of a plan in one format, with the body faults applied: rows are
/// generated one contract at a time and flushed every `flushBytes`, so memory stays flat.
struct ChainBody: Sendable {
    static let flushBytes = 1 << 16

    var plan: ChainPlan
    var range: Range<Int>
    var format: OutputFormat
    var dataset: Dataset
    var v2Header = V2Header()
    var faults = BodyFaults()
    /// Where bodies without faults are kept for the next identical request.
    var cache: BodyCache?
    /// Runs when the body has been written or abandoned: starts the next v2 page's expiry.
    var onDelivered: (@Sendable () async -> Void)?

    /// A Content-Length no body of `range` can reach, for the `truncate` fault: the body
    /// ends before it, as a cut connection does.
    var overstatedLength: Int { range.count * 1024 + 4096 }

    func write(_ writer: inout any ResponseBodyWriter) async throws {
        do {
            try await writeRows(&writer)
        } catch {
            await onDelivered?()
            throw error
        }
        await onDelivered?()
    }

    private func writeRows(_ writer: inout any ResponseBodyWriter) async throws {
        guard let cache, faultless else {
            _ = try await render(&writer, keepingUpTo: 0)
            return
        }
        let key = BodyCache.Key(request: plan.request, rows: range, format: format, dataset: dataset, v2Header: v2Header)
        if let chunks = cache.chunks(for: key) {
            for chunk in chunks { try await writer.write(chunk) }
            return try await writer.finish(nil)
        }
        let kept = try await render(&writer, keepingUpTo: cache.budget)
        if !kept.overflowed { cache.store(kept.chunks, bytes: kept.bytes, for: key) }
    }

    /// A body no fault shapes is the same bytes every time, so it may be kept.
    private var faultless: Bool {
        !faults.empty && !faults.reset && !faults.truncate && faults.trickle == nil && faults.malformedProbability == 0
    }

    /// The chunks of a body as written, for the cache, up to a limit.
    private struct KeptChunks {
        var limit: Int
        var chunks: [ByteBuffer] = []
        var bytes = 0
        /// The body outgrew `limit`; nothing is kept, so memory stays bounded.
        var overflowed = false

        mutating func keep(_ chunk: ByteBuffer) {
            guard !overflowed else { return }
            bytes += chunk.readableBytes
            if bytes > limit {
                overflowed = true
                chunks = []
            } else {
                chunks.append(chunk)
            }
        }
    }

    /// Prices and prints the rows; returns the chunks written while they fit in `limit` bytes.
    private func render(_ writer: inout any ResponseBodyWriter, keepingUpTo limit: Int) async throws -> KeptChunks {
        var kept = KeptChunks(limit: limit)
        var sink = ByteSink(capacity: Self.flushBytes + 4096)
        var encoder = ChainEncoder(format: format, dataset: dataset, v2Header: v2Header)
        encoder.prologue(into: &sink)
        let cutRow = faults.reset || faults.truncate ? range.lowerBound + range.count / 2 : Int.max
        if faults.trickle != nil { faults.counter?.add(.trickle) }
        // Rows broken on purpose, counted as they are written (a cut body counts what it sent).
        var broken = 0
        defer { faults.counter?.add(.malformed, broken) }
        var offset = 0
        for slice in plan.slices {
            let count = plan.rowCount(of: slice)
            defer { offset += count }
            let lower = max(range.lowerBound, offset), upper = min(range.upperBound, offset + count)
            guard lower < upper else { continue }
            let rows = plan.rows(of: slice)[(lower - offset)..<(upper - offset)]
            let breaks = corruption(from: lower)
            encoder.append(slice.contract, rows, into: &sink) { i in
                let damage = breaks(i)
                if damage != nil { broken += 1 }
                return damage
            }
            if upper > cutRow {
                try await emit(&sink, &writer, keeping: &kept)
                // Both drawn is a truncated body: the overstated Content-Length is what the client sees.
                faults.counter?.add(faults.truncate ? .truncate : .reset)
                throw SimulatedDisconnect()
            }
            if sink.count >= Self.flushBytes { try await emit(&sink, &writer, keeping: &kept) }
            if offset + count >= range.upperBound { break }
        }
        encoder.epilogue(into: &sink)
        try await emit(&sink, &writer, keeping: &kept)
        try await writer.finish(nil)
        return kept
    }

    /// Row `base + i` is broken with the configured probability, the same way on every run.
    private func corruption(from base: Int) -> (Int) -> Corruption? {
        let p = faults.malformedProbability, key = faults.key
        guard p > 0 else { return { _ in nil } }
        return { i in
            var h = SeededHash(key, UInt64(base + i))
            guard h.uniform() < p else { return nil }
            return Corruption.allCases[Int(h.next() % 3)]
        }
    }

    private func emit(_ sink: inout ByteSink, _ writer: inout any ResponseBodyWriter,
                      keeping kept: inout KeptChunks) async throws {
        guard sink.count > 0 else { return }
        var chunk = sink.take()
        kept.keep(chunk)
        if let trickle = faults.trickle {
            while let piece = chunk.readSlice(length: min(trickle.bytes, chunk.readableBytes)), piece.readableBytes > 0 {
                try await writer.write(piece)
                try await Task.sleep(for: trickle.delay)
            }
        } else {
            try await writer.write(chunk)
        }
    }
}
