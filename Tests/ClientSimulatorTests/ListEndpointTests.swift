import Testing
import TerminalSimulator
import ThetaData

@Suite("Client list endpoints against the simulator's lists")
struct ListEndpointTests {
    @Test("roots, expirations, contracts and status, both API versions", arguments: APIVersion.allCases)
    func lists(version: APIVersion) async throws {
        let market = market()
        let today = SimulatorConfiguration(api: .v3).today
        let expirations = market.expirations(root: "SPXW", listedThrough: today).map(ServedRows.yyyymmdd)
        let contracts = market.contracts(root: "SPXW", on: friday).map(ServedRows.contractKey)
        let format: BodyFormat = version == .v3 ? .v3CSV : .v2JSON
        try await withSimulator(version) { sim in
            try await withClient(sim, format) { client async throws in
                #expect(try await client.listRoots() == SimulatedMarket.roots)
                #expect(try await client.listExpirations(root: "SPXW") == expirations)
                #expect(try await client.contracts(on: ServedRows.yyyymmdd(friday), root: "SPXW") == contracts)
                // No session, no contracts: the 472 is an empty list, not an error.
                #expect(try await client.contracts(on: ServedRows.yyyymmdd(goodFriday), root: "SPXW").isEmpty)
                #expect(try await client.upstreamStatus() == .connected)
            }
        }
        #expect(expirations.count > 1000)
        #expect(Set(contracts.map(\.expiration)).count > 1)
    }
}
