import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A streaming, hardened XML pull reader over libxml2's `xmlTextReader`.
///
/// It never reaches the network, never loads a DTD and never expands an entity: a document with a
/// DOCTYPE, an entity declaration or an entity reference is rejected. Depth, text size, attribute count
/// and total size are bounded by ``XMLLimits``. Memory use is independent of the document's size, so a
/// gigabyte stock file can be read with a few kilobytes of state.
///
/// ```swift
/// let reader = try XMLReader(bytes: body, document: "GetProducts response")
/// while let event = try reader.next() { ... }
/// ```
public final class XMLReader {
    private let reader: xmlTextReaderPtr
    private let limits: XMLLimits
    private let documentName: String
    private let errorSink: ErrorSink
    // The state is not checked for exclusive access at run time, as in `XMLWriter`: the reader is not Sendable, and
    // every access is a short one inside one method (libxml2's error callback reaches only `errorSink`).
    @exclusivity(unchecked) private var pending: [XMLEvent] = []
    @exclusivity(unchecked) private var depth = 0
    @exclusivity(unchecked) private var sawElement = false
    @exclusivity(unchecked) private var finished = false
    /// Names made from the parser's dictionary pointers.
    @exclusivity(unchecked) private var names = DictionaryNames(slots: 512)
    @exclusivity(unchecked) private var lastNamespace: String?
    private let keepAlive: [UInt8]?
    private let fileDescriptor: Int32?

    /// Reads a document held in memory.
    /// - Parameters:
    ///   - bytes: the document.
    ///   - document: a name for the document, used in every error.
    ///   - limits: the bounds to enforce.
    /// - Throws: `XMLStreamError` when the input is over the size limit or cannot be opened.
    public init(bytes: [UInt8], document: String, limits: XMLLimits = .standard) throws {
        _ = LibXML.initialised
        try limits.admit(bytes, document: document)
        let stored = bytes
        let created = stored.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                xmlReaderForMemory($0.baseAddress, Int32(buffer.count), nil, nil, LibXML.safeOptions)
            }
        }
        guard let created else {
            throw XMLStreamError(.malformed, document: document, reason: "libxml2 could not open the document")
        }
        self.reader = created
        self.keepAlive = stored
        self.fileDescriptor = nil
        self.limits = limits
        self.documentName = document
        self.errorSink = ErrorSink()
        installErrorHandler()
    }

    /// Reads a file from disk as a stream.
    /// - Parameters:
    ///   - path: the file's path.
    ///   - document: a name for the document, used in every error; defaults to the path.
    ///   - limits: the bounds to enforce.
    /// - Throws: `XMLStreamError` when the file cannot be opened or is over the size limit.
    public init(path: String, document: String? = nil, limits: XMLLimits = .streamedFile) throws {
        _ = LibXML.initialised
        let name = document ?? path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw XMLStreamError(.malformed, document: name, reason: "cannot open the file (errno \(errno))")
        }
        var info = stat()
        if fstat(fd, &info) == 0 {
            let size = Int(info.st_size)
            if size > limits.maxDocumentBytes {
                close(fd)
                throw XMLStreamError(
                    .limitExceeded, document: name,
                    reason: "the file is \(size) bytes, more than the limit of \(limits.maxDocumentBytes)")
            }
            if size == 0 {
                close(fd)
                throw XMLStreamError(.malformed, document: name, reason: "the file is empty")
            }
        }
        guard let created = xmlReaderForFd(fd, nil, nil, LibXML.safeOptions) else {
            close(fd)
            throw XMLStreamError(.malformed, document: name, reason: "libxml2 could not open the file")
        }
        self.reader = created
        self.keepAlive = nil
        self.fileDescriptor = fd
        self.limits = limits
        self.documentName = name
        self.errorSink = ErrorSink()
        installErrorHandler()
    }

    deinit {
        xmlFreeTextReader(reader)
        if let fileDescriptor { close(fileDescriptor) }
    }

    /// The line the reader is on, 1-based.
    public var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    /// The name of the document, as used in errors.
    public var document: String { documentName }

    /// Returns the next event, or `nil` at the end of the document.
    /// - Throws: `XMLStreamError` for malformed input, forbidden declarations or exceeded limits.
    public func next() throws -> XMLEvent? {
        if !pending.isEmpty { return pending.removeFirst() }
        while !finished {
            let status = xmlTextReaderRead(reader)
            if status == 0 {
                finished = true
                return nil
            }
            if status < 0 { throw failure() }
            if let event = try event(forNodeType: xmlTextReaderNodeType(reader)) { return event }
        }
        return nil
    }

    /// Returns an error describing this document at the current line.
    public func error(_ kind: XMLStreamError.Kind, _ reason: String) -> XMLStreamError {
        XMLStreamError(kind, document: documentName, line: line, reason: reason)
    }

    private func event(forNodeType type: Int32) throws -> XMLEvent? {
        switch UInt32(type) {
        case XML_READER_TYPE_ELEMENT.rawValue:
            return try startEvent()
        case XML_READER_TYPE_END_ELEMENT.rawValue:
            depth -= 1
            return .end(localName: name(xmlTextReaderConstLocalName(reader)))
        case XML_READER_TYPE_TEXT.rawValue, XML_READER_TYPE_CDATA.rawValue,
            XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue, XML_READER_TYPE_WHITESPACE.rawValue:
            let value = LibXML.string(xmlTextReaderConstValue(reader)) ?? ""
            if value.utf8.count > limits.maxTextBytes {
                throw error(.limitExceeded, "a text node is longer than \(limits.maxTextBytes) bytes")
            }
            return .text(value)
        case XML_READER_TYPE_DOCUMENT_TYPE.rawValue:
            throw error(.forbiddenDeclaration, "a DOCTYPE declaration is not accepted")
        case XML_READER_TYPE_ENTITY_REFERENCE.rawValue, XML_READER_TYPE_ENTITY.rawValue:
            throw error(.forbiddenDeclaration, "entity references are not accepted")
        default:
            return nil  // comments, processing instructions, the XML declaration
        }
    }

    private func startEvent() throws -> XMLEvent {
        let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
        depth += 1
        sawElement = true
        if depth > limits.maxDepth {
            throw error(.limitExceeded, "elements are nested deeper than \(limits.maxDepth) levels")
        }
        let localName = name(xmlTextReaderConstLocalName(reader))
        let namespaceURI = namespace(xmlTextReaderConstNamespaceUri(reader))
        // The node's own line: the parser's position is ahead of it by whatever it has buffered.
        let elementLine = xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) } ?? line
        var attributes: [XMLAttribute] = []
        if xmlTextReaderHasAttributes(reader) == 1 {
            while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
                attributes.append(
                    XMLAttribute(
                        localName: name(xmlTextReaderConstLocalName(reader)),
                        namespaceURI: namespace(xmlTextReaderConstNamespaceUri(reader)),
                        value: LibXML.string(xmlTextReaderConstValue(reader)) ?? ""))
                if attributes.count > limits.maxAttributes {
                    throw error(.limitExceeded, "element \(localName) has more than \(limits.maxAttributes) attributes")
                }
            }
            xmlTextReaderMoveToElement(reader)
        }
        let start = XMLStartElement(
            localName: localName, namespaceURI: namespaceURI, attributes: attributes, line: elementLine)
        if isEmpty {
            depth -= 1
            pending.append(.end(localName: localName))
        }
        return .start(start)
    }

    /// An element or attribute name as a string, made once per distinct name (the reader's parser keeps names in its
    /// dictionary).
    private func name(_ pointer: UnsafePointer<xmlChar>?) -> String {
        names.string(pointer)
    }

    /// A namespace URI as a string, reusing the previous one when the bytes are the same (namespace URIs are not kept
    /// in the parser's dictionary, so their pointers cannot be the key).
    private func namespace(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        let cString = UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)
        if let last = lastNamespace, last.withCString({ strcmp($0, cString) == 0 }) { return last }
        let made = String(cString: cString)
        lastNamespace = made
        return made
    }

    private func failure() -> XMLStreamError {
        errorSink.failure(document: documentName, depth: depth, sawElement: sawElement, line: line)
    }

    private func installErrorHandler() {
        let context = Unmanaged.passUnretained(errorSink).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(
            reader,
            { context, error in
                guard let context, let error else { return }
                let sink = Unmanaged<ErrorSink>.fromOpaque(context).takeUnretainedValue()
                sink.record(error.pointee)
            }, context)
    }
}

/// Collects the first error libxml2 reports for one reader.
final class ErrorSink {
    private(set) var message: String?
    private(set) var line: Int?

    func record(_ error: xmlError) {
        guard message == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let text = error.message.map { String(cString: $0) } ?? "unknown XML error"
        message = text.trimmingCharacters(in: " \n\t")
        line = Int(error.line)
    }

    /// The error of a document the parser gave up on, in the reader's words.
    /// - Parameters:
    ///   - depth: how many elements were open.
    ///   - sawElement: whether an element was read.
    ///   - line: the parser's line, when the error names none.
    func failure(document: String, depth: Int, sawElement: Bool, line fallback: Int) -> XMLStreamError {
        var message = message ?? "the document is not well-formed XML"
        // libxml2's parser words an early end of input as "extra content"; say what it means.
        if message.hasPrefix("Extra content at the end of the document") || message.hasPrefix("Premature end of data") {
            if depth > 0 {
                message = "the document ends before its elements are closed (is the file cut short?)"
            } else if !sawElement {
                message = "the document has no root element"
            }
        }
        let lineNumber = line ?? fallback
        let lowered = message.lowercased()
        let kind: XMLStreamError.Kind =
            if lowered.contains("entity") {
                .forbiddenDeclaration
            } else if lowered.contains("huge") || lowered.contains("depth") { .limitExceeded } else { .malformed }
        return XMLStreamError(kind, document: document, line: lineNumber > 0 ? lineNumber : nil, reason: message)
    }
}

extension String {
    /// The string without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        let scalars = Set(set.unicodeScalars)
        var view = Substring(self).unicodeScalars
        while let first = view.first, scalars.contains(first) { view.removeFirst() }
        while let last = view.last, scalars.contains(last) { view.removeLast() }
        return String(view)
    }
}
