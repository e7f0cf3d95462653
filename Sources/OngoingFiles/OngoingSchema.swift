import Foundation
import XMLStream

/// The element sequences of the Ongoing goods-owner API's XML Schema, read from its real WSDL.
///
/// The XML writer walks these sequences, so element order and required elements follow the schema by
/// construction; configured extra fields are checked against them at start-up.
public struct OngoingSchema: Sendable {
    /// The Ongoing namespace.
    public static let namespace = "http://ongoingsystems.se/WSI"

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

    /// Sequences by complex type name.
    public let complexTypes: [String: [Element]]
    /// The names of simple types (enumerations).
    public let simpleTypes: Set<String>
    /// The WSDL bytes, for schema validation.
    public let wsdl: [UInt8]

    /// The schema of the WSDL bundled with the bridge (the 2024 goods-owner WSDL).
    public static func bundled() throws -> OngoingSchema {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/ongoing.wsdl")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw XMLStreamError(.malformed, document: "ongoing.wsdl", reason: "the bundled Ongoing WSDL is missing")
        }
        return try OngoingSchema(wsdl: Array(data))
    }

    /// Reads the schema of a WSDL.
    public init(wsdl: [UInt8]) throws {
        self.wsdl = wsdl
        let root = try XMLElement.parse(
            wsdl, document: "Ongoing WSDL",
            limits: XMLLimits(maxDocumentBytes: 32 << 20, maxDepth: 64, maxTextBytes: 1 << 20))
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

    /// Whether a dotted path names a simple-typed element under `type` (`OrderInfo.DeliveryDate` under
    /// `CustomerOrder`). Repeated wrappers are stepped through by their item name (`CustomerOrderLine.LinePrice`
    /// under `CustomerOrderLine`).
    public func hasField(_ path: String, under type: String) -> Bool {
        var current = type
        let parts = path.split(separator: ".").map(String.init)
        for (index, part) in parts.enumerated() {
            guard let element = sequence(current).first(where: { $0.name == part }) else { return false }
            if index == parts.count - 1 { return element.isBuiltIn || simpleTypes.contains(element.type) }
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
            return Element(
                name: name, type: parts.last ?? type, isBuiltIn: parts.count == 2 && parts[0] == "s",
                minOccurs: Int(node.attribute("minOccurs") ?? "1") ?? 1,
                repeats: node.attribute("maxOccurs") == "unbounded"
                    || (Int(node.attribute("maxOccurs") ?? "1") ?? 1) > 1,
                nillable: node.attribute("nillable") == "true")
        }
    }
}
