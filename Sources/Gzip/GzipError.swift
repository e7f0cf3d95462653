/// An error from gzip compression or decompression.
public struct GzipError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What failed.
    public var reason: String
    /// zlib's status code, when zlib reported one.
    public var code: Int32?

    /// Creates an error.
    public init(_ reason: String, code: Int32? = nil) {
        self.reason = reason
        self.code = code
    }

    /// A readable description, for logs and error messages.
    public var description: String {
        if let code { return "gzip: \(reason) (zlib status \(code))" }
        return "gzip: \(reason)"
    }
}
