extension ThetaDataError.Code {
    /// What happened, in a researcher's words.
    public var summary: String {
        switch kind {
        case .badRequest: "The Terminal refused the request"
        case .notImplemented: "The Terminal does not know this request"
        case .gone: "The Terminal no longer serves this path"
        case .rateLimited: "The Terminal is throttling requests or its queue is full"
        case .general: "The Terminal reported a general error"
        case .permission: "The subscription does not include this data"
        case .noData: "There is no data for this request"
        case .invalidParameters: "The request's parameters are invalid"
        case .disconnected: "The Terminal has lost its connection to ThetaData's servers"
        case .terminalParse: "The Terminal could not parse the request"
        case .wrongIP: "The Terminal was reached under a different host name than before"
        case .pageExpired: "The next page of the response expired before it was fetched"
        case .invalidSession: "The Terminal's session is invalid"
        case .requestTooLarge: "The request asks for too much data at once"
        case .serverStarting: "ThetaData's server is restarting"
        case .uncaught: "The Terminal hit an internal error"
        case .serverError: "The Terminal failed with a server error"
        case .unexpectedStatus: "The Terminal answered with an unexpected status"
        case .connectionRefused: "Nothing is listening at the Terminal's address"
        case .timeout: "The Terminal did not answer in time"
        case .connectionReset: "The connection to the Terminal was closed mid-response"
        case .malformedBody: "The response body could not be read"
        }
    }

    /// What to do about it.
    public var remediation: String {
        switch kind {
        case .badRequest: "Not retried: the Terminal gave its reason above. Data of a session appears only after its close (thetadata.availableAfter); otherwise check the date, root and expiration."
        case .notImplemented: "Update the Terminal, or check the API version (--api v2/v3) matches it."
        case .gone: "A configuration error, not retried: the path is retired or belongs to the other API version. Set thetadata.apiVersion to the Terminal's (v3 for a v3 Terminal, with thetadata.baseUrl on port 25503), or update spx-data."
        case .rateLimited: "Retried with backoff; lower --concurrency to the subscription's limit if it persists."
        case .general: "Retry once; if it persists, check the Terminal's log."
        case .permission: "Your ThetaData subscription does not cover this dataset or date: upgrade the subscription, or set thetadata.subscription (and thetadata.historyStart) to what it covers so such dates are not asked for. Retrying will not help."
        case .noData: "Nothing to fetch: recorded as empty."
        case .invalidParameters: "Check the root, expiration and date; this is a bug if they came from the Terminal's own lists."
        case .disconnected: "Waiting for the Terminal to reconnect (mdds status CONNECTED); check its network and login."
        case .terminalParse: "Report the URL; the request is malformed for this Terminal version."
        case .wrongIP: "Use one host spelling (127.0.0.1 or localhost) for every request, then restart the Terminal."
        case .pageExpired: "Restarted the request; fetch pages promptly and keep concurrency at the Terminal's limit."
        case .invalidSession: "Make sure only one Terminal runs with this account, then restart it."
        case .requestTooLarge: "Split into smaller time windows or one expiration per request."
        case .serverStarting: "Retry in a minute; ThetaData restarts its servers on schedule."
        case .uncaught: "Report the URL to ThetaData with the Terminal's log."
        case .serverError: "Retried a few times; restart the Terminal. Two Terminals logged in with one account cause this (BadSession): stop the other one."
        case .unexpectedStatus: "Check the Terminal's version and log."
        case .connectionRefused: "Start the Theta Terminal (java -jar ThetaTerminal.jar) and check the port."
        case .timeout: "The Terminal may be overloaded; lower --concurrency or raise the request timeout."
        case .connectionReset: "Retried; if it persists, check the Terminal is not restarting."
        case .malformedBody: "Report the URL; the Terminal's output format may have changed."
        }
    }
}
