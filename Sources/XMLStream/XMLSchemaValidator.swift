import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Validates documents against the XML Schema embedded in a WSDL, using libxml2.
///
/// A WSDL's `types` section can hold several `schema` elements that import each other by namespace
/// only. The validator writes each one to a private temporary folder, points every `import` at the
/// file of the schema with that target namespace, and compiles the schema of the requested namespace.
/// Schema compilation never reaches the network.
///
/// ```swift
/// let validator = try XMLSchemaValidator(wsdl: bytes, targetNamespace: "http://24sevenOffice.com/webservices")
/// let problems = validator.validate(envelope, document: "GetProducts request", elementPath: ["Envelope", "Body", "*"])
/// ```
public final class XMLSchemaValidator: @unchecked Sendable {
    // @unchecked: the compiled schema is immutable after init; each validation uses its own context.
    private let schema: xmlSchemaPtr
    private let parserContext: xmlSchemaParserCtxtPtr

    /// The namespace whose schema this validator enforces.
    public let targetNamespace: String

    /// Compiles the schema of `targetNamespace` from a WSDL document.
    /// - Parameters:
    ///   - wsdl: the WSDL document.
    ///   - targetNamespace: the namespace whose schema to enforce.
    ///   - name: a name for error messages.
    ///   - globalElements: extra global element declarations, element name to complex type name, for
    ///     documents whose root is a type the schema only declares as a type (such as Ongoing's `Supplier`).
    /// - Throws: `XMLStreamError` when the WSDL is malformed or has no such schema.
    public init(wsdl: [UInt8], targetNamespace: String, name: String = "WSDL", globalElements: [String: String] = [:])
        throws
    {
        _ = LibXML.initialised
        self.targetNamespace = targetNamespace
        let directory = try Self.makeTemporaryDirectory()
        defer { Self.removeDirectory(directory) }
        let mainPath = try Self.writeSchemas(
            wsdl: wsdl, name: name, targetNamespace: targetNamespace, globalElements: globalElements, to: directory)
        guard let context = xmlSchemaNewParserCtxt(mainPath) else {
            throw XMLStreamError(.invalid, document: name, reason: "libxml2 cannot read the extracted schema")
        }
        let sink = ErrorCollector(document: name)
        xmlSchemaSetParserStructuredErrors(
            context,
            { context, error in
                guard let context, let error else { return }
                Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
            }, Unmanaged.passUnretained(sink).toOpaque())
        let parsed = xmlSchemaParse(context)
        xmlSchemaSetParserStructuredErrors(context, nil, nil)
        guard let compiled = parsed else {
            xmlSchemaFreeParserCtxt(context)
            throw XMLStreamError(
                .invalid, document: name,
                reason:
                    "the schema for \(targetNamespace) does not compile: \(sink.errors.first?.reason ?? "unknown reason")"
            )
        }
        self.parserContext = context
        self.schema = compiled
    }

    deinit {
        xmlSchemaFree(schema)
        xmlSchemaFreeParserCtxt(parserContext)
    }

    /// Validates an element of a document.
    /// - Parameters:
    ///   - bytes: the document.
    ///   - document: a name for error messages.
    ///   - elementPath: local names from the root to the element to validate; `*` matches the first child
    ///     element. Empty validates the whole document.
    /// - Returns: every problem found, each with its line; empty when the element is valid.
    public func validate(_ bytes: [UInt8], document: String, elementPath: [String] = []) -> [XMLStreamError] {
        guard bytes.count <= XMLLimits.standard.maxDocumentBytes else {
            return [XMLStreamError(.limitExceeded, document: document, reason: "the document is too large to validate")]
        }
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                xmlReadMemory($0.baseAddress, Int32(buffer.count), nil, nil, LibXML.safeOptions)
            }
        }
        guard let doc = parsed else {
            return [XMLStreamError(.malformed, document: document, reason: "the document is not well-formed XML")]
        }
        defer { xmlFreeDoc(doc) }
        if doc.pointee.intSubset != nil {
            return [XMLStreamError(.forbiddenDeclaration, document: document, reason: "a DOCTYPE is not accepted")]
        }
        guard var node = xmlDocGetRootElement(doc) else {
            return [XMLStreamError(.malformed, document: document, reason: "the document has no root element")]
        }
        for (index, step) in elementPath.enumerated() {
            if index == 0 {
                guard step == "*" || Self.localName(node) == step else {
                    return [XMLStreamError(.invalid, document: document, reason: "the root element is not \(step)")]
                }
                continue
            }
            guard let child = Self.firstChild(of: node, named: step) else {
                return [XMLStreamError(.invalid, document: document, reason: "element \(step) is missing")]
            }
            node = child
        }
        guard let validation = xmlSchemaNewValidCtxt(schema) else {
            return [XMLStreamError(.invalid, document: document, reason: "libxml2 cannot create a validation context")]
        }
        defer { xmlSchemaFreeValidCtxt(validation) }
        let sink = ErrorCollector(document: document)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        xmlSchemaSetValidStructuredErrors(
            validation,
            { context, error in
                guard let context, let error else { return }
                Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
            }, context)
        let status =
            elementPath.isEmpty ? xmlSchemaValidateDoc(validation, doc) : xmlSchemaValidateOneElement(validation, node)
        if status != 0 && sink.errors.isEmpty {
            return [XMLStreamError(.invalid, document: document, reason: "the document does not match the schema")]
        }
        return sink.errors
    }

    private static func localName(_ node: xmlNodePtr) -> String {
        LibXML.string(node.pointee.name) ?? ""
    }

    private static func firstChild(of node: xmlNodePtr, named name: String) -> xmlNodePtr? {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE && (name == "*" || localName(current) == name) {
                return current
            }
            child = current.pointee.next
        }
        return nil
    }
}

/// Collects every error libxml2 reports during one validation.
private final class ErrorCollector {
    let document: String
    var errors: [XMLStreamError] = []

    init(document: String) { self.document = document }

    func record(_ error: xmlError) {
        guard errors.count < 100 else { return }
        let text = error.message.map { String(cString: $0) } ?? "schema violation"
        errors.append(
            XMLStreamError(
                .invalid, document: document, line: error.line > 0 ? Int(error.line) : nil,
                reason: text.trimmingCharacters(in: " \n\t")))
    }
}
