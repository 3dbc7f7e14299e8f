import ArgumentParser

@main
struct SPXData: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spx-data",
        abstract: "Build and keep a complete, verified local archive of historical option data.",
        version: "0.1.0",
        subcommands: [
            DemoCommand.self, ConvertCommand.self, ParquetCommand.self, CalendarCommand.self,
            ConfigCommand.self, StatusCommand.self, ListCommand.self, GapsCommand.self, HealthCommand.self, ErrorsCommand.self,
            MetricsCommand.self, SimulateCommand.self, ProcessCommand.self, ProcessRangeCommand.self, ArchiveVerifyCommand.self,
            StopCommand.self, CleanupCommand.self, RetryCommand.self, ProcessGapsCommand.self, QualityCommand.self,
        ])
}
