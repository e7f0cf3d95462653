import Foundation

/// Reads a 24SevenOffice value by the dotted path a mapping row names, in XML Schema lexical form.
///
/// Modelled fields are read from the model; any other scalar property the client returned is read from
/// `otherFields` by its 24SevenOffice name, so configured extra fields work for every property 24SO has.
enum ERPFieldReader {
    /// How to read a path of a product, resolved once.
    static func productField(_ path: String) -> @Sendable (Product) -> String? {
        switch path {
        case "Product.Id": { String($0.id) }
        case "Product.No": { $0.number }
        case "Product.Name": { $0.name }
        case "Product.Description": { $0.description }
        case "Product.EAN1": { $0.ean }
        case "Product.Weight": { $0.weight.map(format) }
        case "Product.Stock": { $0.stock.map(format) }
        case "Product.Price": { $0.price.map(format) }
        case "Product.DateChanged": { $0.dateChanged.map(format) }
        default:
            if let name = path.removingPrefix("Product.") { { $0.otherFields[name] } } else { { _ in nil } }
        }
    }

    /// How to read a path of an order, resolved once.
    static func orderField(_ path: String) -> @Sendable (InvoiceOrder) -> String? {
        if let field = path.removingPrefix("deliveryAddress.") {
            let read = addressField(field)
            return { read($0.addresses?.delivery) }
        }
        if let field = path.removingPrefix("invoiceAddress.") {
            let read = addressField(field)
            return { read($0.addresses?.invoice) }
        }
        if let rest = path.removingPrefix("InvoiceOrder.Addresses.") {
            let read = addressesField(rest)
            return { read($0.addresses) }
        }
        switch path {
        case "InvoiceOrder.OrderId": return { String($0.orderId) }
        case "InvoiceOrder.CustomerId": return { $0.customerId.map(String.init) }
        case "InvoiceOrder.CustomerName": return { $0.customerName }
        case "InvoiceOrder.CustomerDeliveryName": return { $0.customerDeliveryName }
        case "InvoiceOrder.CustomerDeliveryPhone": return { $0.customerDeliveryPhone }
        case "InvoiceOrder.OrderStatus": return { $0.orderStatus?.rawValue }
        case "InvoiceOrder.DateOrdered": return { $0.dateOrdered.map(format) }
        case "InvoiceOrder.DateChanged": return { $0.dateChanged.map(format) }
        case "InvoiceOrder.YourReference": return { $0.yourReference }
        case "InvoiceOrder.InvoiceTitle": return { $0.invoiceTitle }
        case "InvoiceOrder.InvoiceEmailAddress": return { $0.invoiceEmailAddress }
        case "InvoiceOrder.DeliveryDate": return { $0.deliveryDate.map(format) }
        case "InvoiceOrder.ReferenceNumber": return { $0.referenceNumber }
        case "InvoiceOrder.DeliveryMethod.Id": return { $0.deliveryMethod?.id.map(String.init) }
        case "InvoiceOrder.DeliveryMethod.Description": return { $0.deliveryMethod?.description }
        default:
            guard let name = path.removingPrefix("InvoiceOrder.") else { return { _ in nil } }
            return { $0.otherFields[name] }
        }
    }

    /// How to read a path of an order row, resolved once.
    static func rowField(_ path: String) -> @Sendable (InvoiceRow) -> String? {
        switch path {
        case "InvoiceRow.ProductId": { $0.productId.map(String.init) }
        case "InvoiceRow.RowId": { $0.rowId.map(String.init) }
        case "InvoiceRow.Name": { $0.name }
        case "InvoiceRow.Quantity": { $0.quantity.map(format) }
        case "InvoiceRow.Price": { $0.price.map(format) }
        case "InvoiceRow.Type": { $0.type?.rawValue }
        case "InvoiceRow.ProductNo": { $0.productNo }
        default:
            if let name = path.removingPrefix("InvoiceRow.") { { $0.otherFields[name] } } else { { _ in nil } }
        }
    }

    /// How to read a path of a company, resolved once.
    static func companyField(_ path: String) -> @Sendable (Company) -> String? {
        if let rest = path.removingPrefix("Company.Addresses.") {
            let read = addressesField(rest)
            return { read($0.addresses) }
        }
        switch path {
        case "Company.Id": return { String($0.id) }
        case "Company.Name": return { $0.name }
        case "Company.OrganizationNumber": return { $0.organizationNumber }
        case "Company.Type": return { $0.type?.rawValue }
        default:
            guard let name = path.removingPrefix("Company.") else { return { _ in nil } }
            return { $0.otherFields[name] }
        }
    }

    static func product(_ product: Product, _ path: String) -> String? { productField(path)(product) }
    static func order(_ order: InvoiceOrder, _ path: String) -> String? { orderField(path)(order) }
    static func row(_ row: InvoiceRow, _ path: String) -> String? { rowField(path)(row) }
    static func company(_ company: Company, _ path: String) -> String? { companyField(path)(company) }

    /// How to read a field of one of the four addresses, by a path such as `Post.Street`.
    static func addressesField(_ path: String) -> @Sendable (Addresses?) -> String? {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return { _ in nil } }
        let read = addressField(parts[1])
        switch parts[0] {
        case "Post": return { read($0?.post) }
        case "Delivery": return { read($0?.delivery) }
        case "Visit": return { read($0?.visit) }
        case "Invoice": return { read($0?.invoice) }
        default: return { _ in nil }
        }
    }

    /// How to read a field of an address.
    static func addressField(_ field: String) -> @Sendable (Address?) -> String? {
        switch field {
        case "Street": { $0?.street }
        case "State": { $0?.state }
        case "PostalCode": { $0?.postalCode }
        case "PostalArea": { $0?.postalArea }
        case "Name": { $0?.name }
        case "City": { $0?.city }
        case "Country": { $0?.country }
        default: { _ in nil }
        }
    }

    /// A decimal in plain notation (Foundation's Decimal never prints an exponent).
    static func format(_ value: Decimal) -> String { value.description }

    /// A UTC dateTime such as `2026-11-28T10:00:00Z`.
    static func format(_ value: Date) -> String { value.formatted(Date.ISO8601FormatStyle()) }
}

extension String {
    /// The rest of the string after `prefix`, or `nil` when it does not start with it.
    func removingPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
