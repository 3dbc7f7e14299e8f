/// A failed Terminal request: what was asked, what came back, and what to do about it.
///
/// Retries are decided from `code` (see `RetryPolicy`), never from the message text.
public struct ThetaDataError: Error, Sendable, CustomStringConvertible {
    public var code: Code
    /// `GET http://127.0.0.1:25503/v3/...`.
    public var request: String
    /// The HTTP status, nil when no response came (refused, reset, timeout).
    public var status: Int?
    /// The Terminal's own words (body text or v2 `error_msg`), trimmed and shortened.
    public var bodyMessage: String
    /// How long the Terminal asked to wait (`Retry-After`), if it did.
    public var retryAfter: Duration?
    /// The transport or decoding error underneath, if any.
    public var underlying: (any Error)?
    /// Requests sent before giving up (retries included), so callers count them all.
    public var requestsMade = 0
    /// Tries sent again before this one ended the request, so callers can log them all.
    public var retried: [RetriedTry] = []

    public init(
        code: Code, request: String, status: Int? = nil, bodyMessage: String = "", retryAfter: Duration? = nil,
        underlying: (any Error)? = nil
    ) {
        self.code = code
        self.request = request
        self.status = status
        self.bodyMessage = Self.trimmed(bodyMessage)
        self.retryAfter = retryAfter
        self.underlying = underlying
    }

    /// What a researcher can do about it.
    public var remediation: String { code.remediation }

    public var description: String { problem + (problem.hasSuffix(".") ? " " : ". ") + remediation }

    /// What went wrong, without the remediation: for callers that add their own.
    public var problem: String {
        var text = "\(code.summary) (\(status.map { "HTTP \($0)" } ?? "no response")) for \(request)"
        if !bodyMessage.isEmpty { text += ": \(bodyMessage)" }
        if let underlying, bodyMessage.isEmpty { text += ": \(underlying)" }
        return text
    }

    static func trimmed(_ text: String, limit: Int = 300) -> String {
        let t = text.trimmingSpaces.split(whereSeparator: \.isNewline).joined(separator: " ")
        return t.count > limit ? String(t.prefix(limit)) + "…" : t
    }
}

extension ThetaDataError {
    /// The condition, one per row of the Terminal's status table plus the transport failures.
    /// A struct over a private enum so that new conditions never break callers' switches.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Kind: Hashable, Sendable {
            case notImplemented, gone, rateLimited, general, permission, noData, invalidParameters
            case disconnected, terminalParse, wrongIP, pageExpired, invalidSession
            case requestTooLarge, serverStarting, uncaught, unexpectedStatus
            case badRequest, serverError
            case connectionRefused, timeout, connectionReset, malformedBody
        }
        let kind: Kind

        /// 400: a request the Terminal refuses as such, with a plain-text reason (current-day
        /// data without an expiration, an EOD report of a session not closed yet).
        public static let badRequest = Code(kind: .badRequest)
        public static let notImplemented = Code(kind: .notImplemented)  // 404 NO_IMPL
        public static let gone = Code(kind: .gone)  // 410: a v2 path on a v3 Terminal, or a retired endpoint
        public static let rateLimited = Code(kind: .rateLimited)  // 429 OS_LIMIT / queue full
        public static let general = Code(kind: .general)  // 470 GENERAL
        /// 471 PERMISSION in the documentation; live v3 Terminals answer 403 for the same.
        public static let permission = Code(kind: .permission)
        public static let noData = Code(kind: .noData)  // 472 NO_DATA
        public static let invalidParameters = Code(kind: .invalidParameters)  // 473 INVALID_PARAMS
        public static let disconnected = Code(kind: .disconnected)  // 474 DISCONNECTED
        public static let terminalParse = Code(kind: .terminalParse)  // 475 TERMINAL_PARSE
        public static let wrongIP = Code(kind: .wrongIP)  // 476 WRONG_IP
        public static let pageExpired = Code(kind: .pageExpired)  // 477 NO_PAGE_FOUND
        public static let invalidSession = Code(kind: .invalidSession)  // 478 INVALID_SESSION_ID
        public static let requestTooLarge = Code(kind: .requestTooLarge)  // 570 LARGE_REQUEST
        public static let serverStarting = Code(kind: .serverStarting)  // 571 SERVER_STARTING
        public static let uncaught = Code(kind: .uncaught)  // 572 UNCAUGHT_ERROR
        /// 500: the Terminal failed internally, often `BadSession` (a second Terminal logged in
        /// with the same account, or a session that went stale).
        public static let serverError = Code(kind: .serverError)
        public static let unexpectedStatus = Code(kind: .unexpectedStatus)
        public static let connectionRefused = Code(kind: .connectionRefused)
        public static let timeout = Code(kind: .timeout)
        public static let connectionReset = Code(kind: .connectionReset)
        public static let malformedBody = Code(kind: .malformedBody)

        /// The code of an HTTP status the Terminal answered with; nil for success.
        public init?(status: Int) {
            switch status {
            case 200..<300: return nil
            case 400: kind = .badRequest
            case 403, 471: kind = .permission
            case 404: kind = .notImplemented
            case 410: kind = .gone
            case 429: kind = .rateLimited
            case 470: kind = .general
            case 472: kind = .noData
            case 473: kind = .invalidParameters
            case 474: kind = .disconnected
            case 475: kind = .terminalParse
            case 476: kind = .wrongIP
            case 477: kind = .pageExpired
            case 478: kind = .invalidSession
            case 570: kind = .requestTooLarge
            case 571: kind = .serverStarting
            case 572: kind = .uncaught
            case 500: kind = .serverError
            default: kind = .unexpectedStatus
            }
        }

        /// The code of a v2 header's `error_type` (older Terminals answer 200 with it set).
        public init?(v2ErrorType name: String) {
            switch name.uppercased() {
            case "NO_IMPL": kind = .notImplemented
            case "OS_LIMIT": kind = .rateLimited
            case "GENERAL": kind = .general
            case "PERMISSION": kind = .permission
            case "NO_DATA": kind = .noData
            case "INVALID_PARAMS": kind = .invalidParameters
            case "DISCONNECTED": kind = .disconnected
            case "TERMINAL_PARSE": kind = .terminalParse
            case "WRONG_IP": kind = .wrongIP
            case "NO_PAGE_FOUND": kind = .pageExpired
            case "INVALID_SESSION_ID": kind = .invalidSession
            case "LARGE_REQUEST": kind = .requestTooLarge
            case "SERVER_STARTING": kind = .serverStarting
            case "UNCAUGHT_ERROR": kind = .uncaught
            default: return nil
            }
        }

        init(kind: Kind) { self.kind = kind }

        public var description: String { "\(kind)" }
    }
}
