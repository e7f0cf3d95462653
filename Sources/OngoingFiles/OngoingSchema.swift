import Foundation
public import XMLStream

/// The Ongoing goods-owner API's XML Schema, read from its real WSDL (the 2024 one, bundled).
public struct OngoingSchema: Sendable {
    /// The Ongoing namespace.
    public static let namespace = "http://ongoingsystems.se/WSI"

    /// The schema's element sequences.
    public let types: WSDLTypes
    /// The WSDL bytes, for schema validation.
    public let wsdl: [UInt8]

    /// The schema of the WSDL bundled with the bridge.
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
        self.types = try WSDLTypes(wsdl: wsdl, name: "Ongoing WSDL")
    }

    /// Whether a configured Ongoing path exists for a kind of object (for extra fields).
    public func hasField(_ path: String, for kind: BridgeModelKind) -> Bool {
        switch kind {
        case .article: types.hasField(path, under: "ArticleDefinition")
        case .order:
            path.hasPrefix("CustomerOrderLine.")
                ? types.hasField(String(path.dropFirst("CustomerOrderLine.".count)), under: "CustomerOrderLine")
                : types.hasField(path, under: "CustomerOrder")
        case .supplier: types.hasField(path, under: "Supplier")
        }
    }

    /// The kinds whose paths can be checked.
    public enum BridgeModelKind: Sendable {
        /// Paths under ArticleDefinition.
        case article
        /// Paths under CustomerOrder, or under CustomerOrderLine when they start with `CustomerOrderLine.`.
        case order
        /// Paths under Supplier.
        case supplier
    }
}
