/// Statuses the Terminal answers with, by code and name as its docs list them; the plain
/// HTTP ones (400, 403, 410, 500) are what v3 Terminals answered with in 2026.
enum TerminalStatus: Int, Sendable {
    case ok = 200
    case badRequest = 400
    case forbidden = 403
    case noImplementation = 404
    case gone = 410
    case osLimit = 429
    case general = 470
    case permission = 471
    case noData = 472
    case invalidParams = 473
    case disconnected = 474
    case terminalParse = 475
    case wrongIP = 476
    case noPageFound = 477
    case serverError = 500
    case largeRequest = 570
    case serverStarting = 571

    var name: String {
        switch self {
        case .ok: "OK"
        case .badRequest: "BAD_REQUEST"
        case .forbidden: "FORBIDDEN"
        case .noImplementation: "NO_IMPL"
        case .gone: "GONE"
        case .osLimit: "OS_LIMIT"
        case .general: "GENERAL"
        case .permission: "PERMISSION"
        case .noData: "NO_DATA"
        case .invalidParams: "INVALID_PARAMS"
        case .disconnected: "DISCONNECTED"
        case .terminalParse: "TERMINAL_PARSE"
        case .wrongIP: "WRONG_IP"
        case .noPageFound: "NO_PAGE_FOUND"
        case .serverError: "INTERNAL_SERVER_ERROR"
        case .largeRequest: "LARGE_REQUEST"
        case .serverStarting: "SERVER_STARTING"
        }
    }
}

/// A request the simulator refuses, with the status and the message the body carries.
struct TerminalRefusal: Error {
    var status: TerminalStatus
    var message: String
    var retryAfterSeconds: Int?
    /// The v2 header's `error_type` when it is not the status's own name: v2's table has no
    /// 400 or 500, so those carry the v2 name of the same condition.
    var v2ErrorType: String?

    init(_ status: TerminalStatus, _ message: String, retryAfterSeconds: Int? = nil, v2ErrorType: String? = nil) {
        self.status = status
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
        self.v2ErrorType = v2ErrorType
    }

    /// The Terminal's 472, with the body live Terminals send.
    static let noData = TerminalRefusal(.noData, "No data found for your request")
}
