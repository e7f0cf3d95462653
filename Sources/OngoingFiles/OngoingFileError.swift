/// An error writing or reading a WMS file.
///
/// It names the file or object and the reason.
public struct OngoingFileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file or object concerned.
    public var subject: String
    /// The reason, in plain words.
    public var reason: String

    /// Creates an error.
    public init(_ subject: String, _ reason: String) {
        self.subject = subject
        self.reason = reason
    }

    /// A readable description, for logs and error files.
    public var description: String { "\(subject): \(reason)" }
}
