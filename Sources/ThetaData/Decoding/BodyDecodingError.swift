/// A body that cannot be read as its format at all (as opposed to a bad row, which is
/// dropped and counted). The client wraps it in a `ThetaDataError` with the request.
public struct BodyDecodingError: Error, Sendable, Equatable {
    public var message: String
}
