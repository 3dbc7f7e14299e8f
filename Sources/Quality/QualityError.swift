/// A file that cannot be judged at all: unreadable, or not an archive file.
public struct QualityError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var remediation: String

    public init(path: String, message: String, remediation: String) {
        self.path = path
        self.message = message
        self.remediation = remediation
    }

    public var description: String { "\(path): \(message). \(remediation)" }
}
