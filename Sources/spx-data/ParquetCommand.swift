import ArgumentParser

struct ParquetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet",
        abstract: "Look inside and check Parquet files.",
        subcommands: [InspectCommand.self, VerifyCommand.self])
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
