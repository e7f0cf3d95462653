/// An error raised while reading, writing or validating XML.
///
/// Every error names the document (a file name or a description such as "SOAP response of GetProducts"),
/// the line when one is known, and the reason in plain words.
public struct XMLStreamError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of problem this is, for callers that react differently to each.
    public enum Kind: String, Sendable, Equatable {
        /// The input is not well-formed XML (truncated, wrong nesting, bad encoding).
        case malformed
        /// The input has a DOCTYPE, an entity declaration or an entity reference; these are never accepted.
        case forbiddenDeclaration
        /// The input is larger or deeper than the configured limits allow.
        case limitExceeded
        /// The input is well-formed but does not match the expected structure or schema.
        case invalid
        /// libxml2 failed to produce output.
        case writeFailed
    }

    /// What kind of problem this is.
    public var kind: Kind
    /// The document the problem is in.
    public var document: String
    /// The 1-based line of the problem, when known.
    public var line: Int?
    /// The reason, in plain words.
    public var reason: String

    /// Creates an error.
    public init(_ kind: Kind, document: String, line: Int? = nil, reason: String) {
        self.kind = kind
        self.document = document
        self.line = line
        self.reason = reason
    }

    /// A readable description, for logs and error messages.
    public var description: String {
        if let line { return "\(document), line \(line): \(reason)" }
        return "\(document): \(reason)"
    }
}
