public import XMLStream

/// Builds SOAP 1.1 request envelopes and reads response envelopes.
public enum SOAPEnvelope {
    /// The SOAP 1.1 envelope namespace.
    public static let namespace = "http://schemas.xmlsoap.org/soap/envelope/"

    /// Writes an envelope whose body holds one operation element in the 24SevenOffice namespace.
    /// - Parameters:
    ///   - operation: the operation element's name, such as `GetProducts`.
    ///   - body: writes the operation's parameters, in schema order.
    public static func request(_ operation: String, body: (XMLWriter) throws -> Void) throws -> [UInt8] {
        let writer = try XMLWriter(document: "\(operation) request")
        try writer.startElement("Envelope", prefix: "soap", namespaceURI: namespace)
        try writer.namespace(prefix: "xsi", uri: XMLElement.xsiNamespace)
        try writer.namespace(prefix: "xsd", uri: "http://www.w3.org/2001/XMLSchema")
        try writer.startElement("Body", prefix: "soap")
        try writer.startElement(operation, namespaceURI: TwentyFourSevenService.namespace)
        try body(writer)
        try writer.endElement()
        try writer.endElement()
        try writer.endElement()
        return try writer.finish()
    }

    /// What a response envelope holds: the operation's response element, or a fault.
    public enum Content: Sendable {
        /// The first element inside `Body`.
        case response(XMLElement)
        /// A SOAP fault.
        case fault(code: String, text: String)
    }

    /// Reads a response envelope.
    /// - Throws: `XMLStreamError` when the bytes are not a SOAP envelope.
    public static func parse(_ bytes: [UInt8], document: String) throws -> Content {
        try parse(bytes, document: document, items: nil) { _ in }
    }

    /// Reads a response envelope, handing each `items` element of the result (`Envelope/Body/<Op>Response/<Op>Result/
    /// <item>`) to `sink` as it is read instead of keeping it in the tree.
    /// - Throws: `XMLStreamError` when the bytes are not a SOAP envelope, or what `sink` throws.
    public static func parse(
        _ bytes: [UInt8], document: String, items: String?, sink: (XMLElement) throws -> Void
    ) throws -> Content {
        let root = try XMLElement.parse(bytes, document: document, handing: items, atDepth: 5, to: sink)
        guard root.name == "Envelope", root.namespaceURI == namespace else {
            throw XMLStreamError(
                .invalid, document: document, line: root.line, reason: "the root is not a SOAP 1.1 Envelope")
        }
        guard let body = root.child("Body"), let first = body.children.first else {
            throw XMLStreamError(
                .invalid, document: document, line: root.line, reason: "the envelope has no Body content")
        }
        if first.name == "Fault" && first.namespaceURI == namespace {
            return .fault(code: first.value("faultcode") ?? "", text: first.value("faultstring") ?? "")
        }
        return .response(first)
    }
}
