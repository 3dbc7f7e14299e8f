/// A configuration value or key that cannot be used, with the accepted form and the fix.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key concerned, or nil for an unknown key name.
    public var key: ConfigurationKey?
    /// The value or name that was refused.
    public var value: String
    /// Where the value came from: `cli`, `stored`, an environment variable's name, `flag`.
    public var origin: String
    public var message: String

    public static func unknownKey(_ name: String) -> ConfigurationError {
        let known = ConfigurationKey.allCases.map(\.rawValue).sorted().joined(separator: ", ")
        return ConfigurationError(
            key: nil, value: name, origin: "cli",
            message: "unknown configuration key '\(name)'. Known keys: \(known)")
    }

    static func invalid(_ key: ConfigurationKey, _ value: String, origin: String, reason: String? = nil) -> ConfigurationError {
        let why = reason.map { " (\($0))" } ?? ""
        let fix: String = switch origin {
        case "stored": "spx-data config set \(key.rawValue) \(key.exampleValue)"
        case "flag": "pass --set \(key.rawValue)=\(key.exampleValue)"
        case "cli": "spx-data config set \(key.rawValue) \(key.exampleValue)"
        default: "export \(origin)=\(key.exampleValue)"
        }
        return ConfigurationError(
            key: key, value: value, origin: origin,
            message: "invalid value '\(value)' for \(key.rawValue)\(why): expected \(key.acceptedForm). Fix: \(fix)")
    }

    public var description: String { message }
}

extension ConfigurationKey {
    /// A valid value to show in a fix.
    var exampleValue: String {
        switch self {
        case .startDate: "2020-01-02"
        default: defaultValue()
        }
    }
}
