import MarketCalendar
import Testing
import TerminalSimulator

@Suite("v2 endpoints over loopback")
struct V2EndpointTests {
    let market = SimulatedMarket(seed: 7, scale: 0.02)
    let bulk = "/v2/bulk_hist/option/greeks?root=SPXW&exp=20240315&start_date=20240315&end_date=20240315&ivl=60000"

    @Test("bulk greeks JSON and CSV are exactly rows(for:)")
    func bulkGreeks() async throws {
        let rows = market.rows(for: ChainRequest(root: "SPXW", expiration: friday, startDate: friday))
        let (json, csv) = try await withSimulator(.v2) { sim in
            (try await fetch(sim, bulk), try await fetch(sim, bulk + "&use_csv=true"))
        }
        let doc = try parseJSON(json.body) as! [String: Any]
        let header = doc["header"] as! [String: Any]
        #expect(header["error_type"] as? String == "null")
        #expect(header["next_page"] as? String == "null")
        #expect(header["format"] as? [String] == Dataset.greeks.v2Fields)
        #expect(firstMismatch(bulkRecords(doc), rows, v3: false) == nil)
        let table = parseCSV(csv.text)
        #expect(table.header == Dataset.v2ContractFields + Dataset.greeks.v2Fields)
        #expect(firstMismatch(records(table), rows, v3: false) == nil)
        #expect(csv.header("Next-Page") == "null")
    }

    @Test("bulk quote with exp=0 covers every expiration")
    func bulkQuote() async throws {
        let rows = market.rows(for: ChainRequest(root: "SPX", expiration: nil, startDate: friday))
        let answer = try await withSimulator(.v2) {
            try await fetch($0, "/v2/bulk_hist/option/quote?root=SPX&exp=0&start_date=20240315&end_date=20240315&ivl=60000")
        }
        #expect(firstMismatch(bulkRecords(try parseJSON(answer.body) as! [String: Any]), rows, v3: false) == nil)
    }

    @Test("pages chain through next_page and Next-Page, and expire into 477")
    func pagination() async throws {
        let rows = market.rows(for: ChainRequest(root: "SPXW", expiration: friday, startDate: friday))
        try await withSimulator(.v2, configure: { $0.tickLimit = 1000; $0.pageExpiry = .seconds(60) }) { sim in
            var collected: [[String: Any]] = []
            var next = bulk
            var pages = 0
            while next != "null" {
                let answer = try await fetch(sim, next)
                #expect(answer.status == 200, "\(next): \(answer.text.prefix(300))")
                let doc = try parseJSON(answer.body) as! [String: Any]
                collected += bulkRecords(doc)
                next = (doc["header"] as! [String: Any])["next_page"] as! String
                pages += 1
                #expect(next == "null" || next.hasPrefix("http://127.0.0.1:\(sim.port)/v2/page/"))
            }
            #expect(pages == (rows.count + 999) / 1000)
            #expect(firstMismatch(collected, rows, v3: false) == nil)
        }
        // Expiry: a short one, and a wait well past it.
        try await withSimulator(.v2, configure: { $0.tickLimit = 1000; $0.pageExpiry = .milliseconds(300) }) { sim in
            let csv = try await fetch(sim, bulk + "&use_csv=true")
            let page = try #require(csv.header("Next-Page"))
            #expect(parseCSV(csv.text).rows.count == 1000)
            try await Task.sleep(for: .seconds(2))
            #expect(try await fetch(sim, page).status == 477)
        }
    }

    @Test("listings, status and errors")
    func listings() async throws {
        try await withSimulator(.v2) { sim in
            let roots = try parseJSON(try await fetch(sim, "/v2/list/roots/option").body) as! [String: Any]
            #expect(roots["response"] as? [String] == SimulatedMarket.roots)
            let exps = try parseJSON(try await fetch(sim, "/v2/list/expirations?root=SPX").body) as! [String: Any]
            #expect((exps["response"] as! [Int]).contains(20_240_315))
            let contracts = try parseJSON(try await fetch(sim, "/v2/list/contracts/option/quote?start_date=20240315&root=SPXW").body) as! [String: Any]
            #expect((contracts["response"] as! [[Any]]).count == market.contracts(root: "SPXW", on: friday).count)
            #expect(try await fetch(sim, "/v2/system/mdds/status").text == "CONNECTED")
            let holiday = try await fetch(sim, "/v2/bulk_hist/option/greeks?root=SPXW&exp=20240405&start_date=20240329&end_date=20240329&ivl=60000")
            #expect(holiday.status == 472)
            let bad = try await fetch(sim, "/v2/bulk_hist/option/greeks?root=SPXW&exp=20240315&start_date=2024-03-15&end_date=20240315&ivl=60000")
            #expect(bad.status == 473)
            let header = (try parseJSON(bad.body) as! [String: Any])["header"] as! [String: Any]
            #expect(header["error_type"] as? String == "INVALID_PARAMS")
            #expect(try await fetch(sim, "/v3/option/list/symbols").status == 404)
        }
    }
}
