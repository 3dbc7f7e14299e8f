import ArchiveFormat
public import MarketCalendar
public import ThetaData

/// Where a day's files live: the archive tree and the staging area.
public struct ArchiveLayout: Sendable {
    public var outputDirectory: String
    public var stagingDirectory: String

    public init(outputDirectory: String, stagingDirectory: String) {
        self.outputDirectory = outputDirectory
        self.stagingDirectory = stagingDirectory
    }

    /// `{output}/YYYY/MM/DD/{symbol}-options-{date}.parquet` for greeks (the archive's main
    /// dataset), `{symbol}-{dataset}-{date}.parquet` for the others; symbol in lower case.
    public func file(for job: DayJob) -> String {
        let d = job.date
        let kind = job.dataset == .greeks ? "options" : job.dataset.name
        return "\(outputDirectory)/\(d.year)/\(Self.two(d.month))/\(Self.two(d.day))/\(job.symbol.lowercased())-\(kind)-\(d).parquet"
    }

    /// The day's staging directory: `{temp}/{symbol}/{date}/{dataset}`.
    public func stagingDirectory(for job: DayJob) -> String {
        "\(stagingDirectory)/\(job.symbol)/\(job.date)/\(job.dataset.name)"
    }

    /// One expiration's staging file: `{root}-{expiration}.{api}s{schema}.ndjson`, such as
    /// `SPXW-2024-03-15.v3s2.ndjson`. The name carries what decides its columns (the API version
    /// and the archive schema), so a rerun after either changed never resumes from a file
    /// whose columns differ: it is fetched again.
    public func stagingFile(for job: DayJob, root: String, expiration: CivilDate, version: APIVersion) -> String {
        "\(stagingDirectory(for: job))/\(root)-\(expiration).\(version.rawValue)s\(ArchiveSchemaVersion.current).ndjson"
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
