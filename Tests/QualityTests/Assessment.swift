import Foundation
import Quality
import Testing

/// Writes a table to a temporary file and judges it as `spx-data` would.
enum Assessment {
    static func of(_ table: ArchiveTable, context: QualityContext = QualityContext(),
                   thresholds: QualityThresholds = QualityThresholds()) throws -> DayQuality {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quality-\(UUID().uuidString).parquet").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try table.write(to: path)
        return try QualityAssessor(thresholds: thresholds).assess(path: path, context: context)
    }

    /// Expects exactly `expected` failures of each check named, and none of every other
    /// blocker, error or warning.
    static func expectFailures(_ day: DayQuality, _ expected: [QualityCheck.ID: Int64],
                               sourceLocation: SourceLocation = #_sourceLocation) {
        for result in day.checks {
            let scored = [.blocker, .error, .warning].contains(result.severity)
            guard scored || expected[result.id] != nil else { continue }
            let want = expected[result.id] ?? 0
            #expect(result.failed == want, "\(result.id.rawValue): \(result.failed) of \(result.evaluated) failed, expected \(want); \(result.examples)",
                    sourceLocation: sourceLocation)
        }
    }
}
