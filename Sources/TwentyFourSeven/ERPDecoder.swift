import BridgeModel
import Foundation
import XMLStream

/// Converts 24SevenOffice response elements into the bridge's ERP model.
enum ERPDecoder {
    /// The fields each decoder models; the others are kept in `otherFields` for configured extra fields.
    private static let productFields: NameSet = [
        "Id", "No", "Name", "Description", "EAN1", "Weight", "Stock", "Price", "StockControlled", "DateChanged",
    ]
    private static let invoiceOrderFields: NameSet = [
        "OrderId", "CustomerId", "CustomerName", "CustomerDeliveryName", "CustomerDeliveryPhone", "OrderStatus",
        "DateOrdered", "DateChanged", "YourReference", "InvoiceTitle", "InvoiceEmailAddress", "DeliveryDate",
        "ReferenceNumber",
    ]
    private static let invoiceRowFields: NameSet = [
        "ProductId", "RowId", "Name", "Quantity", "Price", "Type", "ProductNo",
    ]
    private static let companyFields: NameSet = ["Id", "Name", "OrganizationNumber", "Type", "DateChanged"]

    static func product(_ element: XMLElement) -> Product? {
        guard let id = SOAPValue.int(element.value("Id")) else { return nil }
        return Product(
            id: id, number: element.value("No"), name: element.value("Name"),
            description: element.value("Description"), ean: element.value("EAN1"),
            weight: SOAPValue.decimal(element.value("Weight")), stock: SOAPValue.decimal(element.value("Stock")),
            price: SOAPValue.decimal(element.value("Price")),
            stockControlled: SOAPValue.bool(element.value("StockControlled")),
            dateChanged: SOAPValue.date(element.value("DateChanged")),
            otherFields: otherFields(element, known: productFields))
    }

    static func invoiceOrder(_ element: XMLElement) -> InvoiceOrder? {
        guard let id = SOAPValue.int(element.value("OrderId")) else { return nil }
        let method = element.withChild("DeliveryMethod") { method -> DeliveryMethod? in
            guard !method.isNil else { return nil }
            return DeliveryMethod(id: SOAPValue.int(method.value("Id")), description: method.value("Description"))
        }
        return InvoiceOrder(
            orderId: id, customerId: SOAPValue.int(element.value("CustomerId")),
            customerName: element.value("CustomerName"), customerDeliveryName: element.value("CustomerDeliveryName"),
            customerDeliveryPhone: element.value("CustomerDeliveryPhone"),
            addresses: element.withChild("Addresses", addresses),
            orderStatus: element.value("OrderStatus").flatMap(OrderSlipState.init(rawValue:)),
            dateOrdered: SOAPValue.date(element.value("DateOrdered")),
            dateChanged: SOAPValue.date(element.value("DateChanged")), yourReference: element.value("YourReference"),
            invoiceTitle: element.value("InvoiceTitle"), invoiceEmailAddress: element.value("InvoiceEmailAddress"),
            rows: element.withChild("InvoiceRows") { rows in
                rows.children.compactMap { $0.name == "InvoiceRow" ? invoiceRow($0) : nil }
            },
            deliveryDate: SOAPValue.date(element.value("DeliveryDate")),
            referenceNumber: element.value("ReferenceNumber"), deliveryMethod: method,
            otherFields: otherFields(element, known: invoiceOrderFields))
    }

    static func invoiceRow(_ element: XMLElement) -> InvoiceRow {
        InvoiceRow(
            productId: SOAPValue.int(element.value("ProductId")), rowId: SOAPValue.int(element.value("RowId")),
            name: element.value("Name"), quantity: SOAPValue.decimal(element.value("Quantity")),
            price: SOAPValue.decimal(element.value("Price")),
            type: element.value("Type").flatMap(InvoiceRowType.init(rawValue:)), productNo: element.value("ProductNo"),
            otherFields: otherFields(element, known: invoiceRowFields))
    }

    static func company(_ element: XMLElement) -> Company? {
        guard let id = SOAPValue.int(element.value("Id")) else { return nil }
        return Company(
            id: id, name: element.value("Name"), organizationNumber: element.value("OrganizationNumber"),
            type: element.value("Type").flatMap(CompanyType.init(rawValue:)),
            addresses: element.withChild("Addresses", addresses),
            phoneNumbers: keyedValues(element.child("PhoneNumbers")),
            emailAddresses: keyedValues(element.child("EmailAddresses")),
            dateChanged: SOAPValue.date(element.value("DateChanged")),
            otherFields: otherFields(element, known: companyFields))
    }

    static func syncCompany(_ element: XMLElement) -> SyncCompany? {
        guard let id = SOAPValue.int(element.value("CompanyId")) else { return nil }
        return SyncCompany(
            companyId: id, dateChanged: SOAPValue.date(element.value("DateChanged")),
            dateRegistered: SOAPValue.date(element.value("DateRegistered")),
            active: SOAPValue.bool(element.value("Active")) ?? true)
    }

    /// The `APIException` inside a returned item, if any.
    static func apiException(_ element: XMLElement) -> (type: String, message: String)? {
        guard let exception = element.child("APIException"), !exception.isNil else { return nil }
        return (exception.value("Type") ?? "APIException", exception.value("Message") ?? "no message")
    }

    private static func addresses(_ element: XMLElement) -> Addresses? {
        guard !element.isNil else { return nil }
        return Addresses(
            post: element.withChild("Post", address), delivery: element.withChild("Delivery", address),
            visit: element.withChild("Visit", address), invoice: element.withChild("Invoice", address))
    }

    private static func address(_ element: XMLElement) -> Address? {
        guard !element.isNil else { return nil }
        let address = Address(
            street: element.value("Street"), state: element.value("State"), postalCode: element.value("PostalCode"),
            postalArea: element.value("PostalArea"), name: element.value("Name"), city: element.value("City"),
            country: element.value("Country"))
        return address.isEmpty ? nil : address
    }

    /// Phone numbers and e-mail addresses: each kind holds a `Value`.
    private static func keyedValues(_ element: XMLElement?) -> [String: String] {
        guard let element, !element.isNil else { return [:] }
        var result: [String: String] = [:]
        for child in element.children where !child.isNil {
            if let value = child.value("Value") { result[child.name] = value }
        }
        return result
    }

    /// Scalar children not otherwise modelled, for configured extra fields.
    private static func otherFields(_ element: XMLElement, known: NameSet) -> [String: String] {
        var result: [String: String] = [:]
        // The children are read in place, not copied out one by one.
        element.children.withUnsafeBufferPointer { children in
            for index in children.indices
            where children[index].children.isEmpty && !known.contains(children[index].name) {
                guard let text = children[index].scalarValue, text != SOAPValue.intSentinel,
                    text != SOAPValue.decimalSentinel, !text.hasPrefix("0001-01-01")
                else { continue }
                result[children[index].name] = text
            }
        }
        return result
    }
}
