import ArgumentParser
import Foundation
import StateStore

struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Ask the running spx-data processes to stop gracefully, and wait for them.",
        discussion: """
            Finds the processes working on dates through the ledger (rows in status processing \
            with a live process id) and sends each SIGTERM. Each abandons the expirations in \
            flight, keeps what it has staged, marks its dates failed (cancelled) and exits; the \
            next run of those dates resumes from the staged expirations. --now sends a second \
            signal, which stops a process at once; it still leaves no partial file in the archive.

            Examples:
              spx-data stop
              spx-data stop --timeout 10 --now

            Exit status: 0 every process stopped (or none was running); 1 one still runs after \
            --timeout; 2 the ledger could not be used.
            """)

    @Option(help: "Seconds to wait for the processes to exit (0 to 3600).")
    var timeout: Double = 60

    @Flag(help: "Stop at once instead of gracefully.")
    var now = false

    @OptionGroup var ledgerOptions: LedgerOptions

    func validate() throws {
        guard (0...3600).contains(timeout) else { throw ValidationError("--timeout must be 0 to 3600 seconds, not \(timeout)") }
    }

    func run() async throws {
        let store = try ledgerOptions.openStore()
        let records = try ledger { try store.processingRecords(ProcessingFilter(statuses: [.processing])) }
        var dates: [Int32: [String]] = [:]
        for record in records {
            guard let pid = record.processId, pid != getpid(), record.isHeldByRunningProcess else { continue }
            dates[pid, default: []].append("\(record.symbol) \(record.dataset) \(record.date)")
        }
        guard !dates.isEmpty else {
            writeOut("nothing is running\n")
            return
        }
        for (pid, work) in dates.sorted(by: { $0.key < $1.key }) {
            kill(pid, SIGTERM)
            if now {
                try? await Task.sleep(for: .milliseconds(100))
                kill(pid, SIGTERM)
            }
            writeOut("asked process \(pid) to stop\(now ? " at once" : ""): \(work.sorted().joined(separator: ", "))\n")
        }
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        var running = Set(dates.keys)
        while true {
            running = running.filter { ProcessLiveness.isRunning($0) }
            if running.isEmpty || ContinuousClock.now >= deadline { break }
            try? await Task.sleep(for: .milliseconds(100))
        }
        if running.isEmpty {
            writeOut("stopped\n")
            return
        }
        let list = running.sorted().map(String.init).joined(separator: ", ")
        printError("error: process \(list) still running after \(timeout) s; `spx-data stop --now` stops it at once")
        throw ExitCodes.checkFailed
    }
}
