import AsyncHTTPClient
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// Maps the errors of the HTTP stack to `ThetaDataError` codes, by type, never by text.
enum TransportErrors {
    static func map(_ error: any Error, request: String) -> any Error {
        if error is CancellationError { return error }
        if let error = error as? ThetaDataError { return error }
        if let error = error as? HTTPClientError {
            switch error {
            case .cancelled:
                return CancellationError()
            case .connectTimeout, .readTimeout, .deadlineExceeded, .getConnectionFromPoolTimeout, .writeTimeout:
                return ThetaDataError(code: .timeout, request: request, underlying: error)
            default:
                return ThetaDataError(code: .connectionReset, request: request, underlying: error)
            }
        }
        if isRefused(error) {
            // The code says it all; NIO's text for it ("connection reset (error set): …") misleads.
            return ThetaDataError(code: .connectionRefused, request: request)
        }
        if Task.isCancelled { return CancellationError() }
        return ThetaDataError(code: .connectionReset, request: request, underlying: error)
    }

    private static func isRefused(_ error: any Error) -> Bool {
        if let error = error as? IOError { return error.errnoCode == ECONNREFUSED }
        if let error = error as? NIOConnectionError {
            return error.connectionErrors.contains { isRefused($0.error) }
        }
        return false
    }
}
