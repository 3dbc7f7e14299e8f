import Foundation

/// A fresh directory under the system temp directory, for a real database file per test.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "spx-ledger-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func fileMode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}
