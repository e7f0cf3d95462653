public import Foundation
import XMLStream

extension SimulatorData {
    /// A large synthetic company for benchmarks: `orders` Confirmed orders of `linesPerOrder` lines each over
    /// `products` products (ids from 100001, numbers `GEN-<n>`, stock `n % 40`) and 50 customers.
    public static func generated(
        orders: Int, linesPerOrder: Int = 5, products productCount: Int = 500, now: Date = Date()
    )
        -> SimulatorData
    {
        func element(_ name: String, _ text: String) -> XMLElement { XMLElement(name: name, text: text) }
        func stamp(_ seconds: Int) -> String {
            XSDDateTime.format(now.addingTimeInterval(-Double(seconds)), zone: true)
        }
        let products = (1...max(productCount, 1)).map { index in
            XMLElement(
                name: "Product",
                children: [
                    element("Id", String(100_000 + index)), element("Name", "Vare \(index)"),
                    element("Stock", "\(index % 40)"),
                    element("EAN1", String(7_090_000_000_000 + index)), element("No", "GEN-\(index)"),
                    element("DateChanged", stamp(index * 3600)), element("Weight", "0.\(index % 9 + 1)"),
                ])
        }
        let customers = (1...50).map { index in
            XMLElement(
                name: "Company",
                children: [
                    element("Id", String(200_000 + index)), element("Name", "Kunde \(index) AS"),
                    XMLElement(
                        name: "PhoneNumbers",
                        children: [XMLElement(name: "Mobile", children: [element("Value", "+47 900 \(index)")])]),
                    XMLElement(
                        name: "EmailAddresses",
                        children: [
                            XMLElement(name: "Invoice", children: [element("Value", "faktura\(index)@kunde.no")])
                        ]),
                    element("Type", "Business"), element("DateChanged", stamp(index * 7200)),
                ])
        }
        let generatedOrders = (0..<orders).map { $0 + 1 }.map { index in
            let customer = 200_000 + index % 50 + 1
            let address = XMLElement(
                name: "Delivery",
                children: [
                    element("Street", "Gate \(index)"), element("PostalCode", "0\(150 + index % 800)"),
                    element("PostalArea", "OSLO"), element("Country", "Norge"),
                ])
            let rows = (1...linesPerOrder).map { line in
                XMLElement(
                    name: "InvoiceRow",
                    children: [
                        element("ProductId", String(100_000 + (index * 7 + line) % max(productCount, 1) + 1)),
                        element("RowId", String(line)),
                        element("Price", "\(99 + line).50"), element("Name", "Vare"), element("Quantity", "\(line)"),
                        element("Type", "Normal"),
                    ])
            }
            return XMLElement(
                name: "InvoiceOrder",
                children: [
                    element("OrderId", String(1_000_000 + index)), element("CustomerId", String(customer)),
                    element("CustomerName", "Kunde \(customer)"),
                    element("CustomerDeliveryName", "Kunde \(customer) lager"),
                    XMLElement(name: "Addresses", children: [address]), element("OrderStatus", "Confirmed"),
                    element("DateOrdered", stamp(index % 2_592_000 + 60)),
                    element("DateChanged", stamp(index % 2_592_000)),
                    XMLElement(name: "IncludeVAT", attributes: [SimulatorStore.nilAttribute]),
                    element("YourReference", "Ref \(index)"), XMLElement(name: "InvoiceRows", children: rows),
                    element("DeliveryDate", stamp(-86_400 * 3)), element("ReferenceNumber", "PO-\(index)"),
                    XMLElement(
                        name: "DeliveryMethod", children: [element("Id", "1"), element("Description", "Bring")]),
                ])
        }
        return SimulatorData(products: products, orders: generatedOrders, companies: customers)
    }
}
