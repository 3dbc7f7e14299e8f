import Foundation
import ThetaData

// Fetches and decodes one greeks expiration through the client (`fetch BASE_URL FORMAT
// [ROOT YYYYMMDD]`, FORMAT one of v3CSV, v3NDJSON, v2JSON, v2CSV; the expiration is the
// session date, a 0DTE chain) or decodes a v3 CSV body from a file (`file PATH`), and prints
// rows and time on one line for scripts/bench-client.

let usage = "usage: client-bench fetch BASE_URL FORMAT [ROOT YYYYMMDD] | file PATH\n"
let arguments = Array(CommandLine.arguments.dropFirst())

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n" + usage).utf8))
    exit(2)
}

let clock = ContinuousClock()
var rows = 0
var checksum = 0.0
let start = clock.now

switch arguments.first {
case "file" where arguments.count == 2:
    let data = try Data(contentsOf: URL(fileURLWithPath: arguments[1]))
    let report = try data.withUnsafeBytes { buffer in
        try BodyDecoder.decode(buffer, dataset: .greeks, format: .v3CSV) { batch in
            checksum += batch.doubles.first ?? 0
        }
    }
    rows = report.rows
case "fetch" where arguments.count == 3 || arguments.count == 5:
    guard let format = BodyFormat(rawValue: arguments[2]) else {
        fail("FORMAT must be one of \(BodyFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(arguments[2])'")
    }
    let root = arguments.count == 5 ? arguments[3] : "SPXW"
    guard let date = Int32(arguments.count == 5 ? arguments[4] : "20240315") else { fail("bad date '\(arguments[4])'") }
    var configuration = ClientConfiguration(apiVersion: format.apiVersion, baseURL: arguments[1])
    configuration.bodyFormat = format
    let client = ThetaDataClient(configuration: configuration)
    let summary = try await client.history(dataset: .greeks, root: root, expiration: date, date: date) { event in
        if case .rows(let batch) = event { checksum += batch.doubles.first ?? 0 }
    }
    try await client.shutdown()
    rows = summary.rows
default:
    fail("unknown arguments: \(arguments.joined(separator: " "))")
}
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("rows=\(rows) seconds=\(seconds) checksum=\(checksum)")
