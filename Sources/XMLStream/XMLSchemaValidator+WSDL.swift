import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension XMLSchemaValidator {
    static let schemaNamespace = "http://www.w3.org/2001/XMLSchema"

    /// Extracts every schema of the WSDL's `types` into `directory`, wires their imports to each other,
    /// and returns the path of the schema for `targetNamespace`.
    static func writeSchemas(
        wsdl: [UInt8], name: String, targetNamespace: String, globalElements: [String: String], to directory: String
    ) throws
        -> String
    {
        let parsed = wsdl.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                xmlReadMemory($0.baseAddress, Int32(buffer.count), nil, nil, LibXML.safeOptions)
            }
        }
        guard let doc = parsed else {
            throw XMLStreamError(.malformed, document: name, reason: "the WSDL is not well-formed XML")
        }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else {
            throw XMLStreamError(.malformed, document: name, reason: "the WSDL has no root element")
        }
        let schemaNodes = elements(of: root).filter { nodeName($0) == "types" }.flatMap { types in
            elements(of: types).filter { nodeName($0) == "schema" && namespace($0) == schemaNamespace }
        }
        var extracted: [(doc: xmlDocPtr, namespace: String, path: String)] = []
        defer { for item in extracted { xmlFreeDoc(item.doc) } }
        for (index, node) in schemaNodes.enumerated() {
            guard let copyDoc = xmlNewDoc("1.0"), let copy = xmlDocCopyNode(node, copyDoc, 1) else { continue }
            xmlDocSetRootElement(copyDoc, copy)
            var inherited = root.pointee.nsDef
            while let ns = inherited {
                _ = xmlNewNs(copy, ns.pointee.href, ns.pointee.prefix)
                inherited = ns.pointee.next
            }
            stripUnrepresentableDefaults(copy)
            let target = property(copy, "targetNamespace") ?? ""
            if target == targetNamespace {
                declare(globalElements, in: copy, document: copyDoc, targetNamespace: target)
            }
            extracted.append((copyDoc, target, "\(directory)/schema-\(index).xsd"))
        }
        for item in extracted {
            guard let schemaRoot = xmlDocGetRootElement(item.doc) else { continue }
            for child in elements(of: schemaRoot) where nodeName(child) == "import" {
                guard let imported = property(child, "namespace"),
                    let match = extracted.first(where: { $0.namespace == imported })
                else { continue }
                _ = xmlSetProp(child, "schemaLocation", match.path)
            }
            if xmlSaveFormatFileEnc(item.path, item.doc, "UTF-8", 0) < 0 {
                throw XMLStreamError(.writeFailed, document: name, reason: "cannot write the extracted schema")
            }
        }
        guard let main = extracted.first(where: { $0.namespace == targetNamespace }) else {
            throw XMLStreamError(.invalid, document: name, reason: "the WSDL has no schema for \(targetNamespace)")
        }
        return main.path
    }

    /// Removes `default` values libxml2 cannot represent (it holds at most 24 decimal digits, and .NET writes Decimal.MinValue, 29 digits, as the default of optional decimals).
    ///
    /// Defaults do not constrain what is valid.
    private static func stripUnrepresentableDefaults(_ node: xmlNodePtr) {
        if let value = property(node, "default"), value.count > 24,
            value.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "." })
        {
            xmlUnsetProp(node, "default")
        }
        for child in elements(of: node) { stripUnrepresentableDefaults(child) }
    }

    /// Adds `<element name="…" type="prefix:Type"/>` declarations to a schema.
    private static func declare(
        _ elements: [String: String], in schema: xmlNodePtr, document: xmlDocPtr, targetNamespace: String
    ) {
        guard !elements.isEmpty, let ns = xmlSearchNsByHref(document, schema, targetNamespace),
            let prefix = LibXML.string(ns.pointee.prefix), let xsd = schema.pointee.ns
        else { return }
        for (element, type) in elements.sorted(by: { $0.key < $1.key }) {
            guard let node = xmlNewChild(schema, xsd, "element", nil) else { continue }
            _ = xmlSetProp(node, "name", element)
            _ = xmlSetProp(node, "type", "\(prefix):\(type)")
        }
    }

    static func makeTemporaryDirectory() throws -> String {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(base)/sevenbridge-xsd-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw XMLStreamError(.writeFailed, document: base, reason: "cannot create a temporary folder")
        }
        return String(cString: created)
    }

    static func removeDirectory(_ path: String) {
        guard let directory = opendir(path) else { return }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { unlink("\(path)/\(name)") }
        }
        closedir(directory)
        rmdir(path)
    }

    private static func elements(of node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    private static func nodeName(_ node: xmlNodePtr) -> String {
        LibXML.string(node.pointee.name) ?? ""
    }

    private static func namespace(_ node: xmlNodePtr) -> String? {
        node.pointee.ns.flatMap { LibXML.string($0.pointee.href) }
    }

    private static func property(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { sevenbridge_xml_free(value) }
        return LibXML.string(value)
    }
}
