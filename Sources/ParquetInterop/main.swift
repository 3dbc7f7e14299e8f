import Foundation
import Parquet

/// parquet-interop write SPEC.json OUT.parquet | read IN.parquet [--verify-crc]
/// Exit 0 on success, 1 with a message on stderr otherwise.
func run(_ args: [String]) throws {
    guard args.count >= 3 else {
        throw SpecError(description: "usage: parquet-interop write SPEC.json OUT.parquet | read IN.parquet [--verify-crc]")
    }
    switch args[1] {
    case "write":
        guard args.count == 4 else { throw SpecError(description: "write needs SPEC.json and OUT.parquet") }
        let spec = try JSONDecoder().decode(TableSpec.self, from: Data(contentsOf: URL(fileURLWithPath: args[2])))
        try InteropWriter.write(spec, to: args[3])
    case "read":
        let verify = args.dropFirst(3).contains("--verify-crc")
        let reader = try ParquetFileReader(path: args[2])
        FileHandle.standardOutput.write(Data(try InteropReader.canonicalJSON(reader, verifyChecksums: verify).utf8))
    default:
        throw SpecError(description: "unknown command \(args[1])")
    }
}

do {
    try run(CommandLine.arguments)
} catch {
    FileHandle.standardError.write(Data("parquet-interop: \(error)\n".utf8))
    exit(1)
}
