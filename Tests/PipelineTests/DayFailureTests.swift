import Foundation
import GapAnalysis
import StateStore
import Testing
import ThetaData
@testable import Pipeline

@Suite("Day failures are typed by what failed")
struct DayFailureTests {
    @Test("each underlying error maps to its kind, which the ledger records as the error type")
    func kinds() {
        let cases: [(any Error, DayFailure.Kind, String)] = [
            (ThetaDataError(code: .permission, request: "GET x", status: 403), .permission, "permission"),
            (ThetaDataError(code: .serverError, request: "GET x", status: 500), .terminal, "terminal_serverError"),
            (StagingError(message: "cannot write x"), .staging, "staging"),
            (StateStoreError(code: .open, path: "/l.db", message: "locked", remediation: "retry"), .ledger, "ledger"),
            (CancellationError(), .cancelled, "cancelled"),
        ]
        for (error, kind, type) in cases {
            let failure = DayFailure.wrapping(error, while: "SPX greeks 2024-03-15")
            #expect(failure.kind == kind, "\(error)")
            #expect(failure.errorType.hasPrefix(type), "\(failure.errorType)")
            #expect(failure.message.hasPrefix("SPX greeks 2024-03-15: "))
            // The fix is said once, at the end.
            #expect(failure.description.components(separatedBy: failure.remediation).count == 2, "\(failure.description)")
        }
    }

    @Test("the ledger's error types the gap engine reads are the ones the pipeline writes")
    func sharedErrorTypes() {
        #expect(DayFailure.Kind.permission.rawValue == GapCategory.permission.rawValue)
        #expect(DayFailure.Kind.pendingAtVendor.rawValue == GapCategory.pendingAtVendor.rawValue)
        #expect(VendorLimits.archivedEarly == GapCategory.archivedEarly.rawValue)
        #expect(RetryPolicy.forErrorType("permission") != .resume && RetryPolicy.forErrorType("pending_at_vendor") == .resume)
        #expect(!RetryPolicy.countsAgainstMaxRetries("pending_at_vendor") && RetryPolicy.countsAgainstMaxRetries("terminal_serverError"))
    }
}
