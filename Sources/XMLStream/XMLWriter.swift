import CLibXML2

/// A streaming XML writer over libxml2's `xmlTextWriter`, writing UTF-8 into memory.
///
/// Elements are written in the order the caller opens them; the writer escapes text and attribute values
/// and drops characters that XML 1.0 cannot carry (control characters other than tab, line feed and
/// carriage return).
///
/// ```swift
/// let writer = try XMLWriter(document: "ProcessArticle")
/// try writer.startElement("ProcessArticle", namespaceURI: "http://ongoingsystems.se/WSI")
/// try writer.element("GoodsOwnerCode", text: "ACME")
/// try writer.endElement()
/// let bytes = try writer.finish()
/// ```
public final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private let document: String
    private var finished = false

    /// Creates a writer and writes the XML declaration.
    /// - Parameters:
    ///   - document: a name for the document, used in error messages.
    ///   - indent: whether to indent nested elements with two spaces.
    /// - Throws: `XMLStreamError` when libxml2 cannot allocate the writer.
    public init(document: String, indent: Bool = false) throws {
        _ = LibXML.initialised
        guard let buffer = xmlBufferCreate() else {
            throw XMLStreamError(.writeFailed, document: document, reason: "cannot allocate an XML buffer")
        }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw XMLStreamError(.writeFailed, document: document, reason: "cannot allocate an XML writer")
        }
        self.buffer = buffer
        self.writer = writer
        self.document = document
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            _ = "  ".withCString { xmlTextWriterSetIndentString(writer, $0.xml) }
        }
        try check(xmlTextWriterStartDocument(writer, "1.0", "utf-8", nil), "start the document")
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    /// Opens an element.
    /// - Parameters:
    ///   - name: the local name.
    ///   - prefix: a namespace prefix, or `nil` for an unprefixed name.
    ///   - namespaceURI: when given, the namespace is declared on this element (as the default namespace
    ///     when `prefix` is `nil`).
    public func startElement(_ name: String, prefix: String? = nil, namespaceURI: String? = nil) throws {
        let status: Int32 =
            if prefix != nil || namespaceURI != nil {
                withOptionalCString(prefix) { p in
                    withOptionalCString(namespaceURI) { ns in
                        name.withCString { xmlTextWriterStartElementNS(writer, p?.xml, $0.xml, ns?.xml) }
                    }
                }
            } else {
                name.withCString { xmlTextWriterStartElement(writer, $0.xml) }
            }
        try check(status, "open element \(name)")
    }

    /// Writes an attribute on the element just opened.
    public func attribute(_ name: String, _ value: String) throws {
        let clean = Self.clean(value)
        let status = name.withCString { n in clean.withCString { xmlTextWriterWriteAttribute(writer, n.xml, $0.xml) } }
        try check(status, "write attribute \(name)")
    }

    /// Declares a namespace prefix on the element just opened.
    public func namespace(prefix: String, uri: String) throws {
        try attribute("xmlns:\(prefix)", uri)
    }

    /// Writes escaped text content.
    public func text(_ value: String) throws {
        let clean = Self.clean(value)
        let status = clean.withCString { xmlTextWriterWriteString(writer, $0.xml) }
        try check(status, "write text")
    }

    /// Closes the innermost open element.
    public func endElement() throws {
        try check(xmlTextWriterEndElement(writer), "close an element")
    }

    /// Writes `<name>text</name>`.
    public func element(_ name: String, text value: String) throws {
        // libxml2's own start, text and end in one call: the same bytes, fewer crossings.
        let clean = Self.clean(value)
        let status = name.withCString { n in clean.withCString { xmlTextWriterWriteElement(writer, n.xml, $0.xml) } }
        try check(status, "write element \(name)")
    }

    /// Writes `<name>text</name>` when `value` is not `nil`; writes nothing otherwise.
    public func element(_ name: String, optional value: String?) throws {
        if let value { try element(name, text: value) }
    }

    /// Writes `<name xsi:nil="true"/>`; the `xsi` prefix must be declared by an enclosing element.
    public func nilElement(_ name: String) throws {
        try startElement(name)
        try attribute("xsi:nil", "true")
        try endElement()
    }

    /// Closes every open element and returns the document's bytes.
    /// - Throws: `XMLStreamError` when libxml2 reports a failure.
    public func finish() throws -> [UInt8] {
        if !finished {
            try check(xmlTextWriterEndDocument(writer), "end the document")
            try check(xmlTextWriterFlush(writer), "flush")
            finished = true
        }
        let count = Int(xmlBufferLength(buffer))
        guard count > 0, let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: count))
    }

    /// Closes every open element and returns the document as a string.
    public func finishString() throws -> String {
        String(decoding: try finish(), as: UTF8.self)
    }

    /// Throws when libxml2 reported a failure; the action's description is built only then.
    private func check(_ status: Int32, _ action: @autoclosure () -> String) throws {
        if status < 0 {
            throw XMLStreamError(.writeFailed, document: document, reason: "libxml2 could not \(action())")
        }
    }

    /// Removes characters XML 1.0 cannot represent.
    static func clean(_ value: String) -> String {
        // Fast path: UTF-8 without control bytes and without 0xEF (the lead byte of U+FFFE and U+FFFF) is all
        // allowed, since a Swift string never holds a surrogate.
        let suspect = { (byte: UInt8) in (byte < 0x20 && byte != 0x9 && byte != 0xA && byte != 0xD) || byte == 0xEF }
        let found = value.utf8.withContiguousStorageIfAvailable { bytes in bytes.contains(where: suspect) }
        guard found ?? value.utf8.contains(where: suspect) else { return value }
        guard value.unicodeScalars.contains(where: { !isAllowed($0) }) else { return value }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: value.unicodeScalars.filter(isAllowed))
        return String(scalars)
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}

private func withOptionalCString<R>(_ value: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let value else { return body(nil) }
    return value.withCString { body($0) }
}

extension UnsafePointer where Pointee == CChar {
    /// The same bytes seen as libxml2's `xmlChar`.
    var xml: UnsafePointer<xmlChar> { UnsafeRawPointer(self).assumingMemoryBound(to: xmlChar.self) }
}
