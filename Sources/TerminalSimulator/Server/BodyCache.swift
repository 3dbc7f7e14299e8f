import NIOCore
import Synchronization

/// History bodies already written, so that asking again for the same rows (a benchmark's
/// repeated fetch, a client's retry) is served from memory instead of priced and printed
/// again. Only bodies without faults are kept, since faults differ between requests; the
/// least recently used leave first once `budget` bytes are held.
final class BodyCache: Sendable {
    struct Key: Hashable, Sendable {
        var request: ChainRequest
        var rows: Range<Int>
        var format: OutputFormat
        var dataset: Dataset
        var v2Header: V2Header
    }

    private struct Entry {
        var chunks: [ByteBuffer]
        var bytes: Int
        var lastUse: UInt64
    }

    private struct Contents {
        var entries: [Key: Entry] = [:]
        var bytes = 0
        var uses: UInt64 = 0
    }

    /// Most bytes held at once; 0 keeps nothing.
    let budget: Int
    private let contents = Mutex(Contents())

    init(budget: Int) { self.budget = budget }

    /// The body's chunks as first written, or nil.
    func chunks(for key: Key) -> [ByteBuffer]? {
        contents.withLock { c in
            c.uses += 1
            c.entries[key]?.lastUse = c.uses
            return c.entries[key]?.chunks
        }
    }

    /// Keeps a whole body, dropping the least recently used ones until it fits.
    func store(_ chunks: [ByteBuffer], bytes: Int, for key: Key) {
        guard bytes <= budget else { return }
        contents.withLock { c in
            if let old = c.entries.removeValue(forKey: key) { c.bytes -= old.bytes }
            while c.bytes + bytes > budget, let oldest = c.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                c.bytes -= oldest.value.bytes
                c.entries.removeValue(forKey: oldest.key)
            }
            c.uses += 1
            c.entries[key] = Entry(chunks: chunks, bytes: bytes, lastUse: c.uses)
            c.bytes += bytes
        }
    }

    /// Bytes held now.
    var bytesHeld: Int { contents.withLock { $0.bytes } }
}
