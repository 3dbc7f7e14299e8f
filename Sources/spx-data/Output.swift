#if canImport(Glibc)
import Glibc
#endif

/// Writes a line to standard error.
func printError(_ message: String) {
    writeAll(STDERR_FILENO, message + "\n")
}

/// Writes `text` to standard output at once, unbuffered: the processing commands mix their
/// lines with a progress display drawn from other threads.
func writeOut(_ text: String) {
    writeAll(STDOUT_FILENO, text)
}

/// Writes every byte, or stops quietly when the reader has gone (`| head` closes the pipe):
/// losing output nobody reads must not crash a run that is archiving data.
func writeAll(_ fd: Int32, _ text: String) {
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { buffer in
        var done = 0
        while done < buffer.count {
            let n = write(fd, buffer.baseAddress! + done, buffer.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            done += n
        }
    }
}
