import MarketCalendar
import NIOCore
import Testing
@testable import TerminalSimulator

@Suite("Body cache: repeated requests answered from memory")
struct BodyCacheTests {
    static let requests: [(TerminalAPI, String)] = [
        (.v3, "/v3/option/history/greeks/first_order?symbol=SPXW&expiration=20240315&date=20240315&interval=1m"),
        (.v3, "/v3/option/history/greeks/first_order?symbol=SPXW&expiration=20240315&date=20240315&interval=1m&format=ndjson"),
        (.v3, "/v3/option/history/quote?symbol=SPXW&expiration=20240315&date=20240315&interval=5m&format=json"),
        (.v2, "/v2/bulk_hist/option/greeks?root=SPXW&exp=20240315&start_date=20240315&end_date=20240315&ivl=60000"),
        (.v2, "/v2/bulk_hist/option/quote?root=SPXW&exp=20240315&start_date=20240315&end_date=20240315&ivl=60000&use_csv=true"),
    ]

    @Test("a repeat is byte for byte what a simulator without a cache prints", arguments: 0..<requests.count)
    func repeatMatchesFreshBody(index: Int) async throws {
        let (api, path) = Self.requests[index]
        let (first, second, held) = try await withSimulator(api) { sim in
            let first = try await fetch(sim, path)
            let held = sim.cachedBytes
            return (first, try await fetch(sim, path), held)
        }
        let fresh = try await withSimulator(api, configure: { $0.bodyCacheBytes = 0 }) { sim in
            (try await fetch(sim, path), sim.cachedBytes)
        }
        #expect(first.status == 200 && second.status == 200)
        #expect(held == first.body.count)
        #expect(second.body == first.body)
        #expect(fresh.0.body == first.body)
        #expect(fresh.1 == 0)
    }

    @Test("bodies shaped by faults are never kept", arguments: ["truncate", "malformed:p=0.5", "trickle:bytes=4096,delay=1ms"])
    func faultsBypassTheCache(spec: String) async throws {
        let faults = try FaultSpec(parsing: spec)
        let held = try await withSimulator(.v3, scale: 0.005, configure: { $0.faults = faults }) { sim in
            _ = try? await fetch(sim, Self.requests[0].1)
            return sim.cachedBytes
        }
        #expect(held == 0)
    }

    func key(_ day: Int) -> BodyCache.Key {
        let date = CivilDate(year: 2024, month: 3, day: day)!
        return BodyCache.Key(request: ChainRequest(root: "SPXW", expiration: date, startDate: date), rows: 0..<10,
                             format: .v3CSV, dataset: .greeks, v2Header: V2Header())
    }

    func body(_ bytes: Int) -> [ByteBuffer] { [ByteBuffer(repeating: 0x41, count: bytes)] }

    @Test("the least recently used body leaves first; one larger than the budget is not kept")
    func eviction() {
        let cache = BodyCache(budget: 300)
        cache.store(body(100), bytes: 100, for: key(11))
        cache.store(body(100), bytes: 100, for: key(12))
        cache.store(body(100), bytes: 100, for: key(13))
        #expect(cache.chunks(for: key(11)) != nil)  // 11 is now more recent than 12
        cache.store(body(100), bytes: 100, for: key(14))
        #expect(cache.chunks(for: key(12)) == nil)
        #expect(cache.chunks(for: key(11)) != nil && cache.chunks(for: key(13)) != nil && cache.chunks(for: key(14)) != nil)
        #expect(cache.bytesHeld == 300)
        cache.store(body(301), bytes: 301, for: key(15))
        #expect(cache.chunks(for: key(15)) == nil && cache.bytesHeld == 300)
        cache.store(body(250), bytes: 250, for: key(18))
        #expect(cache.bytesHeld == 250 && cache.chunks(for: key(18))?.first?.readableBytes == 250)
    }
}
