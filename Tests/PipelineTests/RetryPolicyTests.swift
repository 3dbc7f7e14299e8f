import Pipeline
import Testing

@Suite("Retry policy by recorded error type")
struct RetryPolicyTests {
    @Test("failures outside the staged data resume; failures of the staged data restage; a non-session never")
    func policies() {
        for type in ["terminal_timeout", "terminal_connectionReset", "disk_space", "ledger", "cancelled", "interrupted", nil] {
            #expect(RetryPolicy.forErrorType(type) == .resume, "\(type ?? "nil")")
        }
        for type in ["staging", "conversion", "verification"] {
            #expect(RetryPolicy.forErrorType(type) == .restage, "\(type)")
        }
        guard case .never(let reason) = RetryPolicy.forErrorType("not_a_session") else {
            Issue.record("a non-session must never be retried"); return
        }
        #expect(reason.contains("not an NYSE session"))
    }
}
