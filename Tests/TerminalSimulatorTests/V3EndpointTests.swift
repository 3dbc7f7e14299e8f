import Foundation
import MarketCalendar
import Testing
import TerminalSimulator

@Suite("v3 endpoints over loopback")
struct V3EndpointTests {
    let market = SimulatedMarket(seed: 7, scale: 0.02)

    func greeksPath(_ format: String, exp: CivilDate = friday) -> String {
        "/v3/option/history/greeks/first_order?symbol=SPXW&expiration=\(exp)&date=\(friday)&interval=1m&strike=*&right=both&format=\(format)"
    }

    @Test("greeks CSV is exactly rows(for:)")
    func greeksCSV() async throws {
        let rows = market.rows(for: ChainRequest(root: "SPXW", expiration: friday, startDate: friday))
        let answer = try await withSimulator(.v3) { try await fetch($0, greeksPath("csv")) }
        #expect(answer.status == 200)
        #expect(answer.text.contains("\r\n"))
        let csv = parseCSV(answer.text)
        #expect(csv.header == Dataset.v3ContractFields + Dataset.greeks.v3Fields)
        #expect(firstMismatch(records(csv), rows, v3: true) == nil)
    }

    @Test("greeks NDJSON and JSON are exactly rows(for:)")
    func greeksJSON() async throws {
        let rows = market.rows(for: ChainRequest(root: "SPXW", expiration: friday, startDate: friday))
        let (nd, js) = try await withSimulator(.v3) { sim in
            (try await fetch(sim, greeksPath("ndjson")), try await fetch(sim, greeksPath("json")))
        }
        let lines = try nd.text.split(separator: "\n").map { try parseJSON(Array($0.utf8)) as! [String: Any] }
        #expect(firstMismatch(lines, rows, v3: true) == nil)
        let doc = try parseJSON(js.body) as! [String: Any]
        var flat: [[String: Any]] = []
        for item in doc["response"] as! [[String: Any]] {
            let contract = item["contract"] as! [String: Any]
            for data in item["data"] as! [[String: Any]] { flat.append(data.merging(contract) { a, _ in a }) }
        }
        #expect(firstMismatch(flat, rows, v3: true) == nil)
    }

    @Test("quote with expiration=* covers every expiration of the day")
    func quoteAllExpirations() async throws {
        let rows = market.rows(for: ChainRequest(root: "SPXW", expiration: nil, startDate: friday, intervalMs: 300_000))
        let answer = try await withSimulator(.v3) {
            try await fetch($0, "/v3/option/history/quote?symbol=SPXW&expiration=*&date=20240315&interval=5m")
        }
        let csv = parseCSV(answer.text)
        #expect(csv.header == Dataset.v3ContractFields + Dataset.quote.v3Fields)
        #expect(firstMismatch(records(csv), rows, v3: true) == nil)
        #expect(Set(rows.map(\.contract.expiration)).count > 1)
    }

    @Test("listings and status")
    func listings() async throws {
        try await withSimulator(.v3) { sim in
            #expect(try await fetch(sim, "/v3/option/list/symbols").text == "symbol\r\nIWM\r\nQQQ\r\nSPX\r\nSPXW\r\nSPY\r\n")
            let exps = parseCSV(try await fetch(sim, "/v3/option/list/expirations?symbol=SPXW").text)
            #expect(exps.header == ["symbol", "expiration"])
            #expect(exps.rows.contains(["SPXW", "2024-03-15"]))
            let contracts = parseCSV(try await fetch(sim, "/v3/option/list/contracts/quote?date=20240315&symbol=SPXW").text)
            let want = market.contracts(root: "SPXW", on: friday)
            #expect(contracts.rows.count == want.count)
            #expect(contracts.rows.first == ["SPXW", want[0].expiration.description, String(format: "%.3f", want[0].strikeDollars), "CALL"])
            #expect(try await fetch(sim, "/v3/terminal/mdds/status").text == "CONNECTED")
        }
    }

    @Test("errors: no session 472, bad parameters 473, unknown path 404, host change 476")
    func errors() async throws {
        try await withSimulator(.v3) { sim in
            let holiday = try await fetch(sim, "/v3/option/history/greeks/first_order?symbol=SPXW&expiration=2024-04-05&date=\(goodFriday)&interval=1m")
            #expect(holiday.status == 472)
            for bad in ["expiration=*&date=20240315&interval=1m", "expiration=20240315&date=20240315&interval=7m",
                        "expiration=20240315&date=2024-13-01&interval=1m", "expiration=20240315&interval=1m",
                        "expiration=20240315&date=20240315&interval=1m&format=xml"] {
                let answer = try await fetch(sim, "/v3/option/history/greeks/first_order?symbol=SPXW&" + bad)
                #expect(answer.status == 473, "\(bad)")
                #expect(!answer.text.isEmpty)
            }
            #expect(try await fetch(sim, "/v3/option/nothing").status == 404)
            #expect(try await fetch(sim, "/v3/option/list/symbols", host: "localhost").status == 476)
        }
    }

    @Test("same seed gives identical bytes, another seed differs")
    func bytesDeterministic() async throws {
        let path = greeksPath("csv")
        let a = try await withSimulator(.v3, seed: 3) { try await fetch($0, path).body }
        let b = try await withSimulator(.v3, seed: 3) { try await fetch($0, path).body }
        let c = try await withSimulator(.v3, seed: 4) { try await fetch($0, path).body }
        #expect(a == b)
        #expect(a != c)
    }
}
