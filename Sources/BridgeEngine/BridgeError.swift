/// An error of the bridge's engine: what failed, in plain words, with the file or object concerned.
public struct BridgeError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The area that failed.
    public enum Area: String, Sendable {
        /// Reading or writing files.
        case fileSystem = "file system"
        /// The compliance archive.
        case archive
        /// The configuration.
        case configuration
        /// An export.
        case export
    }

    /// The area that failed.
    public var area: Area
    /// What happened.
    public var reason: String

    /// Creates an error.
    public init(_ area: Area, _ reason: String) {
        self.area = area
        self.reason = reason
    }

    /// A readable description, for logs and error files.
    public var description: String { "\(area.rawValue): \(reason)" }
}
