import Foundation

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Writes `text` to standard output at once, unbuffered: the processing commands mix their
/// lines with a progress display drawn from other threads.
func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
