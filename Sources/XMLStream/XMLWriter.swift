/// A streaming XML writer, writing UTF-8 into memory.
///
/// Elements are written in the order the caller opens them; the writer escapes text and attribute values and drops
/// characters that XML 1.0 cannot carry (control characters other than tab, line feed and carriage return).
///
/// The bytes are those libxml2's `xmlTextWriter` writes for the same calls (the declaration, the two-space
/// indentation, `<empty/>` elements, namespace declarations after the attributes, the escapes), so that the files the
/// bridge writes stay byte for byte what earlier versions wrote; `XMLWriterOracleTests` holds it to that. It is
/// written in Swift because a document is a few hundred small calls, and libxml2's writer spent more on copying each
/// name and value into C strings, its node list and its buffers than on the document itself.
///
/// ```swift
/// let writer = try XMLWriter(document: "ProcessArticle")
/// try writer.startElement("ProcessArticle", namespaceURI: "http://ongoingsystems.se/WSI")
/// try writer.element("GoodsOwnerCode", text: "ACME")
/// try writer.endElement()
/// let bytes = try writer.finish()
/// ```
public final class XMLWriter {
    private static let declaration = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)

    private let document: String
    private let indent: Bool
    // The state is not checked for exclusive access at run time: the writer is not Sendable, every access is a short
    // read or write inside one method, none is held across a call that could reach the writer again, and the checks
    // (a thread-local access set, entered and left for every byte appended) cost more than the document's bytes.
    @exclusivity(unchecked) private var out: [UInt8]
    /// The qualified names of the open elements, innermost last.
    @exclusivity(unchecked) private var open: [String] = []
    /// Whether the innermost element's start tag is still open (attributes may follow).
    @exclusivity(unchecked) private var tagOpen = false
    /// A default or prefixed namespace declared on the innermost element, written when its start tag closes.
    @exclusivity(unchecked) private var pendingNamespace: (name: String, uri: String)?
    /// Whether the next end tag goes on a line of its own (it closes children rather than text).
    @exclusivity(unchecked) private var endOnNewLine = true
    @exclusivity(unchecked) private var finished = false

    /// Creates a writer and writes the XML declaration.
    /// - Parameters:
    ///   - document: a name for the document, used in error messages.
    ///   - indent: whether to indent nested elements with two spaces.
    ///   - capacity: the bytes to reserve, a guess at the document's size.
    public init(document: String, indent: Bool = false, capacity: Int = 4096) throws {
        self.document = document
        self.indent = indent
        out = []
        out.reserveCapacity(capacity)
        out.append(contentsOf: Self.declaration)
    }

    /// Opens an element.
    /// - Parameters:
    ///   - name: the local name.
    ///   - prefix: a namespace prefix, or `nil` for an unprefixed name.
    ///   - namespaceURI: when given, the namespace is declared on this element (as the default namespace
    ///     when `prefix` is `nil`).
    public func startElement(_ name: String, prefix: String? = nil, namespaceURI: String? = nil) throws {
        try checkOpen("open element \(name)")
        let qualified = prefix.map { "\($0):\(name)" } ?? name
        beginStartTag(qualified)
        open.append(qualified)
        tagOpen = true
        if let namespaceURI { pendingNamespace = (prefix.map { "xmlns:\($0)" } ?? "xmlns", namespaceURI) }
    }

    /// Writes an attribute on the element just opened.
    public func attribute(_ name: String, _ value: String) throws {
        guard tagOpen else {
            throw XMLStreamError(
                .writeFailed, document: document, reason: "cannot write attribute \(name) outside a start tag")
        }
        writeAttribute(name, Self.clean(value))
    }

    /// Declares a namespace prefix on the element just opened.
    public func namespace(prefix: String, uri: String) throws {
        try attribute("xmlns:\(prefix)", uri)
    }

    /// Writes escaped text content.
    public func text(_ value: String) throws {
        guard !open.isEmpty else {
            throw XMLStreamError(.writeFailed, document: document, reason: "cannot write text outside an element")
        }
        if tagOpen { closeStartTag() }
        endOnNewLine = false
        appendText(value)
    }

    /// Closes the innermost open element.
    public func endElement() throws {
        guard let name = open.last else {
            throw XMLStreamError(.writeFailed, document: document, reason: "cannot close an element: none is open")
        }
        if tagOpen {
            writePendingNamespace()
            tagOpen = false
            endOnNewLine = true
            out.append(0x2F)
            out.append(0x3E)
        } else {
            if indent && endOnNewLine { writeIndent() }
            endOnNewLine = true
            writeEndTag(name)
        }
        if indent { out.append(0x0A) }
        open.removeLast()
    }

    /// Writes `<name>text</name>`.
    ///
    /// The bytes are those of `startElement(name)`, `text(value)` and `endElement()`, written in one pass: most of a
    /// document is such elements, and the open-element stack need not hold this one.
    public func element(_ name: String, text value: String) throws {
        try checkOpen("open element \(name)")
        beginStartTag(name)
        out.append(0x3E)
        appendText(value)
        writeEndTag(name)
        if indent { out.append(0x0A) }
        endOnNewLine = true
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
    /// - Throws: `XMLStreamError` when the document has no element.
    public func finish() throws -> [UInt8] {
        if !finished {
            while !open.isEmpty { try endElement() }
            if !indent { out.append(0x0A) }
            finished = true
        }
        return out
    }

    /// Closes every open element and returns the document as a string.
    public func finishString() throws -> String {
        String(decoding: try finish(), as: UTF8.self)
    }

    private func checkOpen(_ action: @autoclosure () -> String) throws {
        if finished {
            throw XMLStreamError(
                .writeFailed, document: document, reason: "cannot \(action()): the document is finished")
        }
    }

    /// Closes the start tag still open (its children begin on a new line) and writes `<name`, indented to the depth of
    /// the open elements.
    private func beginStartTag(_ qualified: String) {
        if tagOpen {
            closeStartTag()
            if indent { out.append(0x0A) }
        }
        if indent { writeIndent(levels: open.count) }
        out.append(0x3C)
        append(qualified)
    }

    /// Writes `</name>`.
    private func writeEndTag(_ name: String) {
        out.append(0x3C)
        out.append(0x2F)
        append(name)
        out.append(0x3E)
    }

    private func closeStartTag() {
        writePendingNamespace()
        out.append(0x3E)
        tagOpen = false
    }

    private func writePendingNamespace() {
        guard let (name, uri) = pendingNamespace else { return }
        pendingNamespace = nil
        writeAttribute(name, uri)
    }

    private func writeAttribute(_ name: String, _ value: String) {
        out.append(0x20)
        append(name)
        out.append(0x3D)
        out.append(0x22)
        appendEscaped(value, attribute: true)
        out.append(0x22)
    }

    /// Two spaces for every open element but the innermost.
    private func writeIndent() {
        writeIndent(levels: open.count - 1)
    }

    /// Two spaces for each of `levels`.
    private func writeIndent(levels: Int) {
        guard levels > 0 else { return }
        Self.spaces.withUnsafeBufferPointer { spaces in
            var left = 2 * levels
            while left > 0 {
                let run = min(left, spaces.count)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: spaces[0..<run]))
                left -= run
            }
        }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    private func append(_ text: String) {
        text.withUTF8Bytes { out.append(contentsOf: $0) }
    }

    /// Appends text content: as it is when no byte needs an escape or a removal (most values), else cleaned and
    /// escaped.
    private func appendText(_ value: String) {
        let plain = value.withUTF8Bytes { bytes in
            guard Self.isPlain(bytes) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if !plain { appendEscaped(Self.clean(value), attribute: false) }
    }

    /// Whether bytes can be written as they are.
    ///
    /// None may be a control character, `&`, `<`, `>`, `"` or 0xEF (the lead byte of U+FFFE and U+FFFF). Eight bytes
    /// at a time, with the bit tricks that tell whether a word holds a byte below a value or equal to one (exact as a
    /// yes or no); the last few bytes one by one.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func holdsZero(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var offset = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while offset + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                if (word &- 0x20 &* ones) & ~word & highs != 0 || holdsZero(word ^ (0x26 &* ones))
                    || holdsZero(word ^ (0x3C &* ones)) || holdsZero(word ^ (0x3E &* ones))
                    || holdsZero(word ^ (0x22 &* ones)) || holdsZero(word ^ (0xEF &* ones))
                {
                    return false
                }
                offset += 8
            }
        }
        while offset < bytes.count {
            switch bytes[offset] {
            case 0..<0x20, 0x26, 0x3C, 0x3E, 0x22, 0xEF: return false
            default: offset += 1
            }
        }
        return true
    }

    /// Appends text with `&`, `<`, `>`, `"` and carriage return escaped, and in attribute values tab and line feed
    /// too, as libxml2 escapes them; runs that need no escape are copied at once.
    private func appendEscaped(_ text: String, attribute: Bool) {
        text.withUTF8Bytes { bytes in
            var start = 0
            for index in bytes.indices {
                let escape: StaticString
                switch bytes[index] {
                case 0x26: escape = "&amp;"
                case 0x3C: escape = "&lt;"
                case 0x3E: escape = "&gt;"
                case 0x22: escape = "&quot;"
                case 0x0D: escape = "&#13;"
                case 0x0A where attribute: escape = "&#10;"
                case 0x09 where attribute: escape = "&#9;"
                default: continue
                }
                if start < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index])) }
                escape.withUTF8Buffer { out.append(contentsOf: $0) }
                start = index + 1
            }
            if start < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
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
