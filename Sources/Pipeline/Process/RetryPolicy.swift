/// What `retry` does with a failed date, by the error type its last attempt recorded.
public enum RetryPolicy: Sendable, Equatable {
    /// Keep the staged expirations and fetch only the rest: the failure was outside them
    /// (the Terminal, the disk, the ledger, a stop or a crash).
    case resume
    /// Discard the date's staging and fetch everything again: the staged data itself may be
    /// what failed (writing it, converting it, verifying the file made from it, or what the
    /// Terminal served failing a blocking quality check).
    case restage
    /// Retrying cannot help.
    case never(reason: String)
    /// Retrying helps only once something outside changed (the subscription): only when
    /// forced, and then it resumes.
    case onlyForced(reason: String)

    /// Whether a failure of this type uses up one of `processing.maxRetries`: a day the vendor
    /// had not published yet failed through no fault of the data, so asking again once it is
    /// published never needs `--force`.
    public static func countsAgainstMaxRetries(_ type: String?) -> Bool {
        type != DayFailure.Kind.pendingAtVendor.rawValue
    }

    public static func forErrorType(_ type: String?) -> RetryPolicy {
        switch type {
        case DayFailure.Kind.notASession.rawValue?:
            .never(reason: "the date is not an NYSE session")
        case DayFailure.Kind.permission.rawValue?:
            .onlyForced(reason: "the subscription does not cover it (permission); after upgrading it, add --force")
        case DayFailure.Kind.staging.rawValue?, DayFailure.Kind.conversion.rawValue?, DayFailure.Kind.verification.rawValue?,
             DayFailure.Kind.quality.rawValue?:
            .restage
        default:
            .resume
        }
    }
}
