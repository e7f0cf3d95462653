import BridgeModel
import Foundation
import OngoingFiles
import Testing
import TwentyFourSevenSimulator
import XMLStream

/// Whatever the data, no outbox file holds an empty optional element: generated orders, articles and suppliers with
/// every optional field absent, empty or blank still validate, and every element in them says something.
@Suite struct EmptyOptionalElementTests {
    static let writer = OngoingXMLWriter(schema: OngoingXMLWriterTests.schema)
    static let mapper = OngoingXMLWriterTests.mapper

    /// Each optional text: absent, empty, blank, or a value.
    static let texts: [String?] = [nil, "", "  ", "x"]

    static func orders() -> [InvoiceOrder] {
        var orders: [InvoiceOrder] = []
        var random = SplitMix64(seed: 9)
        for index in 0..<200 {
            func text() -> String? { texts[Int(random.next() % 4)] }
            func address() -> Address? {
                random.next() % 3 == 0
                    ? nil
                    : Address(street: text(), state: text(), postalCode: text(), postalArea: text(), country: text())
            }
            let method: DeliveryMethod? =
                switch random.next() % 4 {
                case 0: nil
                case 1: DeliveryMethod(id: nil, description: nil)
                case 2: DeliveryMethod(id: nil, description: text())
                default: DeliveryMethod(id: 3, description: text())
                }
            orders.append(
                InvoiceOrder(
                    orderId: 8000 + index, customerId: random.next() % 2 == 0 ? nil : 20001,
                    customerName: text(), customerDeliveryName: text(), customerDeliveryPhone: text(),
                    addresses: random.next() % 3 == 0 ? nil : Addresses(delivery: address(), invoice: address()),
                    orderStatus: .confirmed, yourReference: text(), invoiceTitle: text(), invoiceEmailAddress: text(),
                    rows: [InvoiceRow(productId: 1001, rowId: 1, quantity: 1, type: .normal, productNo: text())],
                    referenceNumber: text(), deliveryMethod: method))
        }
        return orders
    }

    @Test func noOrderFileHoldsAnEmptyOptionalElement() throws {
        let context = RecordMapper.OrderContext(exportTime: OngoingXMLWriterTests.now)
        for order in Self.orders() {
            guard let record = Self.mapper.order(order, context: context).record else { continue }
            let element = try OngoingXMLWriterTests.check(record)
            let empty = Self.emptyElements(element)
            #expect(empty.isEmpty, "order \(order.orderId): \(empty)")
        }
    }

    @Test func noArticleOrSupplierFileHoldsAnEmptyOptionalElement() throws {
        for index in 0..<40 {
            let blank = Self.texts[index % 4]
            let article = Self.mapper.article(
                Product(id: 1001 + index, number: "A-\(index)", name: blank, description: blank, ean: blank))
            if let record = article.record {
                #expect(Self.emptyElements(try OngoingXMLWriterTests.check(record)).isEmpty, "article \(index)")
            }
            let company = Company(
                id: 20001 + index, name: "Leverandør \(index)", organizationNumber: blank, type: .supplier,
                addresses: Addresses(post: Address(street: blank, postalCode: blank, postalArea: blank)))
            if let record = Self.mapper.supplier(company)?.record {
                #expect(Self.emptyElements(try OngoingXMLWriterTests.check(record)).isEmpty, "supplier \(index)")
            }
        }
    }

    /// Elements with neither text nor children (other than required `xsi:nil` ones), and complex elements holding
    /// only their operation and identification enumerations.
    static func emptyElements(_ element: XMLElement, path: String = "") -> [String] {
        let here = path + "/" + element.name
        var found: [String] = []
        if element.children.isEmpty && element.trimmedText.isEmpty && !element.isNil { found.append(here) }
        let names = element.children.map(\.name)
        if !names.isEmpty && names.allSatisfy({ $0.hasSuffix("Operation") || $0.hasSuffix("Identification") }) {
            found.append(here + " (only \(names.joined(separator: ", ")))")
        }
        for child in element.children { found += emptyElements(child, path: here) }
        return found
    }
}
