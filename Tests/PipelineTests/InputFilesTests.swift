import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Pipeline

@Suite("Input files handed to a running conversion in order")
struct InputFilesTests {
    @Test("files provided out of order come out in order, each after it is provided")
    func inOrder() throws {
        let files = InputFiles(count: 4)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var seen: [String] = []
        DispatchQueue.global().async {
            while let path = try? files.next() { seen.append(path) }
            done.signal()
        }
        for index in [2, 0, 3, 1] { files.provide(index, "f\(index)") }
        done.wait()
        #expect(seen == ["f0", "f1", "f2", "f3"])
    }

    @Test("abandoning wakes a reader waiting for a file that will not come, and later reads throw")
    func abandon() {
        let files = InputFiles(count: 3)
        files.provide(0, "f0")
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: [String] = []
        DispatchQueue.global().async {
            do {
                while let path = try files.next() { outcome.append(path) }
                outcome.append("end")
            } catch {
                outcome.append("cancelled")
            }
            done.signal()
        }
        // The reader takes f0, then waits for f1.
        while outcome.isEmpty { usleep(1000) }
        files.abandon()
        done.wait()
        #expect(outcome == ["f0", "cancelled"])
        #expect(throws: CancellationError.self) { try files.next() }
    }
}
