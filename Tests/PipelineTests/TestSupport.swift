import TestSupport

extension String {
    /// The text's UTF-8 bytes, for feeding the parsers.
    var bytes: [UInt8] { Array(utf8) }
}
