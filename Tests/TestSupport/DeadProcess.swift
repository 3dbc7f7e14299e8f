import Foundation

/// A process id that was just in use and is now gone: a child that exited and was reaped.
/// Tests use it for ledger rows and temporary files whose writer died.
public func deadProcessId() throws -> Int32 {
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/true")
    try child.run()
    child.waitUntilExit()
    return child.processIdentifier
}
