import Foundation
public import XMLStream

/// The simulator's company data: products, orders and companies as 24SevenOffice elements, in schema order.
///
/// Loaded from `products.xml` (`ArrayOfProduct`), `invoices.xml` (`ArrayOfInvoiceOrder`) and
/// `companies.xml` (`ArrayOfCompany`) in a data folder such as `samples/erp`.
public struct SimulatorData: Sendable {
    /// Products by id.
    public var products: [Int: XMLElement]
    /// Orders by OrderId.
    public var orders: [Int: XMLElement]
    /// Companies by id.
    public var companies: [Int: XMLElement]

    /// Creates data from elements.
    public init(products: [XMLElement] = [], orders: [XMLElement] = [], companies: [XMLElement] = []) {
        self.products = Self.index(products, key: "Id")
        self.orders = Self.index(orders, key: "OrderId")
        self.companies = Self.index(companies, key: "Id")
    }

    /// The sample company in the source checkout (`samples/erp`), found from this file's place in it.
    public static let sampleDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("samples/erp").path
    }()

    /// Loads the three data files of a folder.
    /// - Throws: `XMLStreamError` naming the file and line of anything unreadable.
    public static func load(from directory: String) throws -> SimulatorData {
        func items(_ file: String, _ item: String) throws -> [XMLElement] {
            let path = (directory as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw XMLStreamError(.malformed, document: path, reason: "the file cannot be read")
            }
            return try XMLElement.parse(Array(data), document: path).children(item)
        }
        return SimulatorData(
            products: try items("products.xml", "Product"), orders: try items("invoices.xml", "InvoiceOrder"),
            companies: try items("companies.xml", "Company"))
    }

    private static func index(_ elements: [XMLElement], key: String) -> [Int: XMLElement] {
        var result: [Int: XMLElement] = [:]
        for element in elements {
            if let id = element.value(key).flatMap({ Int($0) }) { result[id] = element }
        }
        return result
    }
}

extension XMLElement {
    /// A copy with the child `name` set to `text`, inserted before the first child named in `before` when absent.
    public func setting(_ name: String, to text: String, before: [String] = []) -> XMLElement {
        var copy = self
        let replacement = XMLElement(name: name, namespaceURI: namespaceURI, text: text)
        if let index = copy.children.firstIndex(where: { $0.name == name }) {
            copy.children[index] = replacement
        } else if let index = copy.children.firstIndex(where: { before.contains($0.name) }) {
            copy.children.insert(replacement, at: index)
        } else {
            copy.children.append(replacement)
        }
        return copy
    }

    /// The child's text parsed as a dateTime.
    func date(_ name: String) -> Date? {
        value(name).flatMap(XSDDateTime.parse)
    }
}
