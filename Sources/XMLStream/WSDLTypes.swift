/// The element sequences of the XML Schema embedded in a WSDL: which elements each complex type holds, in
/// which order, how often, and of which type.
///
/// Writers walk these sequences so that element order and required elements follow the schema by
/// construction, and configuration is checked against them (a configured field must exist).
public struct WSDLTypes: Sendable {
    /// One element of a sequence.
    public struct Element: Sendable, Equatable {
        /// The element's name.
        public var name: String
        /// The local name of its type (`string`, `decimal`, `CustomerOrderLine`, ...).
        public var type: String
        /// Whether the type is a built-in XML Schema type.
        public var isBuiltIn: Bool
        /// The minimum number of occurrences.
        public var minOccurs: Int
        /// Whether more than one may occur.
        public var repeats: Bool
        /// Whether `xsi:nil` is allowed.
        public var nillable: Bool
    }

    /// Sequences by complex type name; a global element's inline type is under `element:<name>`.
    public let complexTypes: [String: [Element]]
    /// The names of simple types (enumerations).
    public let simpleTypes: Set<String>

    /// Creates types from sequences (for merging the types of several WSDLs).
    public init(complexTypes: [String: [Element]], simpleTypes: Set<String> = []) {
        self.complexTypes = complexTypes
        self.simpleTypes = simpleTypes
    }

    /// Reads the types of a WSDL.
    /// - Throws: `XMLStreamError` when the WSDL is not well-formed.
    public init(wsdl: [UInt8], name: String) throws {
        let limits = XMLLimits(maxDocumentBytes: 32 << 20, maxDepth: 64, maxTextBytes: 1 << 20)
        let root = try XMLElement.parse(wsdl, document: name, limits: limits)
        var complex: [String: [Element]] = [:]
        var simple: Set<String> = []
        for schema in root.child("types")?.children("schema") ?? [] {
            for node in schema.children {
                switch node.name {
                case "complexType":
                    if let name = node.attribute("name") { complex[name] = Self.sequence(of: node) }
                case "simpleType":
                    if let name = node.attribute("name") { simple.insert(name) }
                case "element":
                    if let name = node.attribute("name"), let inline = node.child("complexType") {
                        complex["element:" + name] = Self.sequence(of: inline)
                    }
                default:
                    break
                }
            }
        }
        self.complexTypes = complex
        self.simpleTypes = simple
    }

    /// The sequence of a complex type, or of a global element's inline type (`element:ProcessOrder`).
    public func sequence(_ type: String) -> [Element] {
        complexTypes[type] ?? []
    }

    /// Whether an element holds a simple value (a built-in type or an enumeration).
    public func isSimple(_ element: Element) -> Bool {
        element.isBuiltIn || simpleTypes.contains(element.type)
    }

    /// Whether a dotted path names a simple-typed element under `type`.
    ///
    /// `OrderInfo.DeliveryDate` under `CustomerOrder` is one; so is `DeliveryMethod.Id` under `InvoiceOrder`.
    public func hasField(_ path: String, under type: String) -> Bool {
        var current = type
        let parts = path.split(separator: ".").map(String.init)
        for (index, part) in parts.enumerated() {
            guard let element = sequence(current).first(where: { $0.name == part }) else { return false }
            if index == parts.count - 1 { return isSimple(element) }
            current = element.type
        }
        return false
    }

    private static func sequence(of complexType: XMLElement) -> [Element] {
        let elements = complexType.child("sequence")?.children("element") ?? []
        return elements.compactMap { node in
            guard let name = node.attribute("name") else { return nil }
            let type = node.attribute("type") ?? "anyType"
            let parts = type.split(separator: ":", maxSplits: 1).map(String.init)
            let maxOccurs = node.attribute("maxOccurs") ?? "1"
            return Element(
                name: name, type: parts.last ?? type, isBuiltIn: parts.count == 2 && parts[0] == "s",
                minOccurs: Int(node.attribute("minOccurs") ?? "1") ?? 1,
                repeats: maxOccurs == "unbounded" || (Int(maxOccurs) ?? 1) > 1,
                nillable: node.attribute("nillable") == "true")
        }
    }
}
