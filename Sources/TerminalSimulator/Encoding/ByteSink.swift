import MarketCalendar
import NIOCore

/// A growing response body. Small pieces (headers, listings) go through `text`; rows go
/// through `write(reserving:_:)`, which hands a `ByteCursor` over room reserved once per row,
/// because per-byte appends with their capacity and uniqueness checks were the simulator's
/// hot path.
struct ByteSink {
    private(set) var buffer: ByteBuffer

    init(capacity: Int = 1 << 16) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    var count: Int { buffer.readableBytes }

    /// The bytes written so far, leaving the sink empty (with fresh storage of the same size,
    /// since the taken buffer usually sits in a socket's queue for a while).
    mutating func take() -> ByteBuffer {
        let taken = buffer
        buffer = ByteBufferAllocator().buffer(capacity: max(taken.capacity, 256))
        return taken
    }

    mutating func text(_ s: String) { buffer.writeString(s) }

    mutating func byte(_ b: UInt8) { buffer.writeInteger(b) }

    /// Runs `body` over at least `room` writable bytes; `body` must write no more than that.
    mutating func write(reserving room: Int, _ body: (inout ByteCursor) -> Void) {
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { raw in
            var cursor = ByteCursor(raw.baseAddress!.assumingMemoryBound(to: UInt8.self))
            body(&cursor)
            // Past the room, memory is already damaged; stop before anything is sent.
            precondition(cursor.offset <= room, "row of \(cursor.offset) bytes overran its \(room) reserved")
            return cursor.offset
        }
    }

    mutating func int(_ value: Int) { write(reserving: 20) { $0.int(value) } }

    mutating func fixed(_ value: Double, places: Int) { write(reserving: 24) { $0.fixed(value, places: places) } }

    mutating func compactDate(_ d: CivilDate) { write(reserving: 20) { $0.compactDate(d) } }
}
