import Foundation
import ThetaData

// Fetches and decodes one v3 greeks body, through the client (`fetch BASE_URL`) or from a
// file (`file PATH`), and prints rows, bytes and rates on one line for
// scripts/bench-client-decode.

let arguments = CommandLine.arguments
guard arguments.count == 3, ["fetch", "file"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: client-bench fetch BASE_URL | file PATH\n".utf8))
    exit(2)
}

let clock = ContinuousClock()
let start = clock.now
var rows = 0
var bytes = 0
var checksum = 0.0

if arguments[1] == "file" {
    let data = try Data(contentsOf: URL(fileURLWithPath: arguments[2]))
    bytes = data.count
    let report = try data.withUnsafeBytes { buffer in
        try BodyDecoder.decode(buffer, dataset: .greeks, format: .v3CSV) { batch in
            checksum += batch.doubles.first ?? 0
        }
    }
    rows = report.rows
} else {
    var configuration = ClientConfiguration(apiVersion: .v3, baseURL: arguments[2])
    configuration.bodyFormat = .v3CSV
    let client = ThetaDataClient(configuration: configuration)
    let summary = try await client.history(dataset: .greeks, root: "SPXW", expiration: 2024_03_15, date: 2024_03_15) {
        event in
        if case .rows(let batch) = event { checksum += batch.doubles.first ?? 0 }
    }
    try await client.shutdown()
    rows = summary.rows
}
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("rows=\(rows) seconds=\(seconds) rows_per_s=\(Int(Double(rows) / seconds)) checksum=\(checksum)")
