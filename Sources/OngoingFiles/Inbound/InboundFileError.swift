/// Why an inbox file was rejected as a whole.
///
/// it names the file, where in it, and the reason in plain words. The text is what goes into
/// `<name>.error.txt`.
public struct InboundFileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file's name.
    public var file: String
    /// Where in the file (`line 3`, `element Orders`), or empty for the whole file.
    public var location: String
    /// The reason.
    public var reason: String

    /// Creates an error.
    public init(file: String, location: String = "", reason: String) {
        self.file = file
        self.location = location
        self.reason = reason
    }

    /// A readable description, for error files and logs.
    public var description: String {
        location.isEmpty ? "\(file): \(reason)" : "\(file), \(location): \(reason)"
    }
}
