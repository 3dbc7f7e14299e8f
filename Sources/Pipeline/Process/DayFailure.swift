import StateStore
public import ThetaData

/// Why a day was not archived. `kind` is what the ledger records as the error type and what
/// retry decisions look at; the message names the values involved, the remediation the fix.
public struct DayFailure: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The date is a weekend or holiday: nothing to fetch, nothing written.
        case notASession = "not_a_session"
        case diskSpace = "disk_space"
        /// The Terminal refused or failed after the client's retries (`terminalCode` says how).
        case terminal
        case staging
        case conversion
        case verification
        case ledger
        case cancelled
        /// Another live process is working on the same (symbol, dataset, date); nothing was touched.
        case busy = "already_running"
        /// The subscription does not cover the day or dataset (403, 471), or the day is before
        /// `thetadata.historyStart`: retried only when forced.
        case permission
        /// The vendor had not published the day yet (asked before `thetadata.availableAfter`,
        /// or in the nightly window after it): not lost data, retried later.
        case pendingAtVendor = "pending_at_vendor"
        /// The day's file is whole but its content fails a blocking quality check (S1-S4).
        case quality
    }

    public var kind: Kind
    public var message: String
    public var remediation: String
    public var terminalCode: ThetaDataError.Code?

    public init(_ kind: Kind, _ message: String, remediation: String, terminalCode: ThetaDataError.Code? = nil) {
        self.kind = kind
        self.message = message
        self.remediation = remediation
        self.terminalCode = terminalCode
    }

    /// The ledger's `error_type`: the kind, or the Terminal error's code for other Terminal failures.
    public var errorType: String {
        guard kind == .terminal, let terminalCode else { return kind.rawValue }
        return "terminal_\(terminalCode)"
    }

    /// A failure every other date of the run would meet too, so the run starts no more: the
    /// Terminal no longer serves the path (410), a configuration error.
    public var endsRun: Bool { terminalCode == .gone }

    public var description: String { message + (message.hasSuffix(".") ? " " : ". ") + remediation }

    static func wrapping(_ error: any Error, while doing: String) -> DayFailure {
        switch error {
        case let failure as DayFailure: return failure
        case let terminal as ThetaDataError:
            return DayFailure(terminal.code == .permission ? .permission : .terminal, "\(doing): \(terminal.problem)",
                              remediation: terminal.remediation, terminalCode: terminal.code)
        case is CancellationError:
            return DayFailure(.cancelled, "\(doing): cancelled", remediation: "Run the command again; staged expirations are kept.")
        case let staging as StagingError:
            return DayFailure(.staging, "\(doing): \(staging.message)", remediation: "Check processing.tempDirectory.")
        case let ledger as StateStoreError:
            return DayFailure(.ledger, "\(doing): \(ledger)", remediation: "Run `spx-data health` to check the ledger.")
        default:
            return DayFailure(.conversion, "\(doing): \(error)", remediation: "Run `spx-data errors` for details and retry the date.")
        }
    }
}
