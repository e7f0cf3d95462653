/// A small, immutable element tree for messages that are read whole, such as SOAP envelopes.
///
/// Built from ``XMLReader`` events, or, for a document held in memory, straight from the parser's callbacks
/// (``XMLTreeBuilder``), which keep every hardening rule of the reader and give the same tree. Large files are read with
/// the reader directly; this tree is for documents bounded by ``XMLLimits``.
public struct XMLElement: Sendable, Equatable {
    /// The XML Schema instance namespace, used by `xsi:nil`.
    public static let xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

    /// The local name.
    public var name: String
    /// The namespace URI, or `nil`.
    public var namespaceURI: String?
    /// The attributes.
    public var attributes: [XMLAttribute]
    /// The child elements, in document order.
    public var children: [XMLElement]
    /// The text directly inside this element, concatenated.
    public var text: String
    /// The 1-based line the element starts on.
    public var line: Int

    /// Creates an element.
    public init(
        name: String, namespaceURI: String? = nil, attributes: [XMLAttribute] = [], children: [XMLElement] = [],
        text: String = "", line: Int = 0
    ) {
        self.name = name
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
    }

    /// Parses a whole document held in memory.
    ///
    /// The tree is built from the parser's callbacks (``XMLTreeBuilder``), as hardened as ``XMLReader`` and the same as
    /// ``parse(_:)`` builds from one.
    /// - Throws: `XMLStreamError` for malformed, hostile or oversized input.
    public static func parse(_ bytes: [UInt8], document: String, limits: XMLLimits = .standard) throws -> XMLElement {
        try XMLTreeBuilder.parse(bytes, document: document, limits: limits, handing: nil, atDepth: 0) { _ in }
    }

    /// Parses a whole document held in memory, handing each element named `item` that ends at `depth` (the root is
    /// depth 1) to `sink` instead of keeping it, as ``parse(_:handing:atDepth:to:)`` does with a reader.
    /// - Throws: `XMLStreamError` for malformed, hostile or oversized input, or what `sink` throws.
    public static func parse(
        _ bytes: [UInt8], document: String, limits: XMLLimits = .standard, handing item: String?, atDepth depth: Int,
        to sink: (XMLElement) throws -> Void
    ) throws -> XMLElement {
        try XMLTreeBuilder.parse(bytes, document: document, limits: limits, handing: item, atDepth: depth, to: sink)
    }

    /// Builds the tree of the reader's root element.
    public static func parse(_ reader: XMLReader) throws -> XMLElement {
        try parse(reader, handing: nil, atDepth: 0) { _ in }
    }

    /// Builds the tree of the reader's root element, but hands each element named `item` that ends at `depth`
    /// (the root is depth 1) to `sink` instead of keeping it: a long answer is read one item at a time, and memory
    /// holds one item's tree, not the whole document's.
    public static func parse(
        _ reader: XMLReader, handing item: String?, atDepth depth: Int, to sink: (XMLElement) throws -> Void
    ) throws -> XMLElement {
        var stack: [XMLElement] = []
        var root: XMLElement?
        while let event = try reader.next() {
            switch event {
            case .start(let start):
                stack.append(
                    XMLElement(
                        name: start.localName, namespaceURI: start.namespaceURI, attributes: start.attributes,
                        line: start.line))
            case .text(let value):
                guard !stack.isEmpty else { break }
                // Most elements hold one text node: take it as it is.
                if stack[stack.count - 1].text.isEmpty {
                    stack[stack.count - 1].text = value
                } else {
                    stack[stack.count - 1].text += value
                }
            case .end:
                let level = stack.count
                guard let done = stack.popLast() else { break }
                if stack.isEmpty {
                    root = done
                } else if level == depth && done.name == item {
                    try sink(done)
                } else {
                    stack[stack.count - 1].children.append(done)
                }
            }
        }
        guard let root else { throw reader.error(.malformed, "the document has no root element") }
        return root
    }

    /// The first child with this local name.
    public func child(_ name: String) -> XMLElement? {
        children.first { $0.name == name }
    }

    /// Calls `body` with the first child with this local name, read in place rather than copied out, and returns what
    /// it returns; `nil` when there is no such child.
    @inlinable
    public func withChild<T>(_ name: String, _ body: (XMLElement) throws -> T?) rethrows -> T? {
        guard let index = children.firstIndex(where: { $0.name == name }) else { return nil }
        return try children.withUnsafeBufferPointer { try body($0[index]) }
    }

    /// Every child with this local name.
    public func children(_ name: String) -> [XMLElement] {
        children.filter { $0.name == name }
    }

    /// The value of the attribute with this local name (and namespace, when given).
    public func attribute(_ localName: String, namespaceURI: String? = nil) -> String? {
        attributes.first { $0.localName == localName && (namespaceURI == nil || $0.namespaceURI == namespaceURI) }?
            .value
    }

    /// Whether the element carries `xsi:nil="true"`.
    public var isNil: Bool {
        let value = attribute("nil", namespaceURI: Self.xsiNamespace)
        return value == "true" || value == "1"
    }

    /// The text with surrounding whitespace (space, tab, CR, LF) removed; the text itself when it has none, which
    /// is the common case and costs no copy.
    public var trimmedText: String {
        let utf8 = text.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return text }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end && isSpace(utf8[start]) { start = utf8.index(after: start) }
        while end > start && isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return String(text[start..<end])
    }

    /// The trimmed text of the child with this name, or `nil` when the child is absent, nil or empty.
    public func value(_ name: String) -> String? {
        // Read in place: copying the child out (its name, attributes, children and text) would cost more than the
        // value itself.
        guard let index = children.firstIndex(where: { $0.name == name }) else { return nil }
        return children.withUnsafeBufferPointer { $0[index].scalarValue }
    }

    /// The trimmed text, or `nil` when the element is nil or empty.
    public var scalarValue: String? {
        guard attributes.isEmpty || !isNil else { return nil }
        let text = trimmedText
        return text.isEmpty ? nil : text
    }

    /// Writes this element and its subtree.
    /// - Parameter declareNamespace: whether to declare the element's namespace as the default namespace.
    public func write(to writer: XMLWriter, declareNamespace: Bool = false) throws {
        try writer.startElement(name, namespaceURI: declareNamespace ? namespaceURI : nil)
        for attribute in attributes {
            if attribute.namespaceURI == Self.xsiNamespace {
                try writer.attribute("xsi:\(attribute.localName)", attribute.value)
            } else if attribute.namespaceURI == nil {
                try writer.attribute(attribute.localName, attribute.value)
            }
        }
        if children.isEmpty {
            if !text.isEmpty { try writer.text(text) }
        } else {
            for child in children { try child.write(to: writer) }
        }
        try writer.endElement()
    }
}
