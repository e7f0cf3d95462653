/// One step of a streaming read: an element opens, text arrives, or an element closes.
public enum XMLEvent: Sendable, Equatable {
    /// An element opens. Empty elements (`<a/>`) are reported as a start followed by an end.
    case start(XMLStartElement)
    /// Text content (character data and CDATA), never split into whitespace-only pieces.
    case text(String)
    /// An element closes.
    case end(localName: String)
}

/// The opening of an element: its name, namespace and attributes.
public struct XMLStartElement: Sendable, Equatable {
    /// The local name, without prefix.
    public var localName: String
    /// The namespace URI, or `nil` when the element is in no namespace.
    public var namespaceURI: String?
    /// The attributes, by local name, with their namespaces; namespace declarations are left out.
    public var attributes: [XMLAttribute]
    /// The 1-based line the element starts on.
    public var line: Int

    /// Creates an element start.
    public init(localName: String, namespaceURI: String?, attributes: [XMLAttribute], line: Int) {
        self.localName = localName
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.line = line
    }

    /// The value of the attribute with this local name (and namespace, when given).
    public func attribute(_ localName: String, namespaceURI: String? = nil) -> String? {
        attributes.first { $0.localName == localName && (namespaceURI == nil || $0.namespaceURI == namespaceURI) }?
            .value
    }
}

/// An attribute of an element.
public struct XMLAttribute: Sendable, Equatable {
    /// The local name, without prefix.
    public var localName: String
    /// The namespace URI, or `nil`.
    public var namespaceURI: String?
    /// The value, with entities and character references already resolved by the parser.
    public var value: String

    /// Creates an attribute.
    public init(localName: String, namespaceURI: String?, value: String) {
        self.localName = localName
        self.namespaceURI = namespaceURI
        self.value = value
    }
}
