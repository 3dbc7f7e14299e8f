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

    /// A Content-Length no body of `range` can reach, for the `truncate` fault: the body
    /// ends before it, as a cut connection does.
    var overstatedLength: Int { range.count * 1024 + 4096 }

    func write(_ writer: inout any ResponseBodyWriter) async throws {
        var sink = ByteSink(capacity: Self.flushBytes + 4096)
        var encoder = ChainEncoder(format: format, dataset: dataset, v2Header: v2Header)
        encoder.prologue(into: &sink)
        let cutRow = faults.reset || faults.truncate ? range.lowerBound + range.count / 2 : Int.max
        var offset = 0
        for slice in plan.slices {
            let count = plan.rowCount(of: slice)
            defer { offset += count }
            let lower = max(range.lowerBound, offset), upper = min(range.upperBound, offset + count)
            guard lower < upper else { continue }
            let rows = plan.rows(of: slice)[(lower - offset)..<(upper - offset)]
            let base = lower
            encoder.append(slice.contract, rows, into: &sink, corruption: corruption(from: base))
            if upper > cutRow {
                try await emit(&sink, &writer)
                throw SimulatedDisconnect()
            }
            if sink.count >= Self.flushBytes { try await emit(&sink, &writer) }
            if offset + count >= range.upperBound { break }
        }
        encoder.epilogue(into: &sink)
        try await emit(&sink, &writer)
        try await writer.finish(nil)
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

    private func emit(_ sink: inout ByteSink, _ writer: inout any ResponseBodyWriter) async throws {
        guard sink.count > 0 else { return }
        if let trickle = faults.trickle {
            var start = 0
            while start < sink.count {
                let end = min(start + trickle.bytes, sink.count)
                try await writer.write(ByteBuffer(bytes: sink.bytes[start..<end]))
                try await Task.sleep(for: trickle.delay)
                start = end
            }
        } else {
            try await writer.write(ByteBuffer(bytes: sink.bytes))
        }
        sink.removeAll()
    }
}
