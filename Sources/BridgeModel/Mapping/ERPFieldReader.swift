import Foundation

/// Reads a 24SevenOffice value by the dotted path a mapping row names, in XML Schema lexical form.
///
/// Modelled fields are read from the model; any other scalar property the client returned is read from
/// `otherFields` by its 24SevenOffice name, so configured extra fields work for every property 24SO has.
enum ERPFieldReader {
    static func product(_ product: Product, _ path: String) -> String? {
        switch path {
        case "Product.Id": String(product.id)
        case "Product.No": product.number
        case "Product.Name": product.name
        case "Product.Description": product.description
        case "Product.EAN1": product.ean
        case "Product.Weight": product.weight.map(format)
        case "Product.Stock": product.stock.map(format)
        case "Product.Price": product.price.map(format)
        case "Product.DateChanged": product.dateChanged.map(format)
        default: path.hasPrefix("Product.") ? product.otherFields[String(path.dropFirst(8))] : nil
        }
    }

    static func order(_ order: InvoiceOrder, _ path: String) -> String? {
        if let field = path.removingPrefix("deliveryAddress.") { return address(order.addresses?.delivery, field) }
        if let field = path.removingPrefix("invoiceAddress.") { return address(order.addresses?.invoice, field) }
        if let rest = path.removingPrefix("InvoiceOrder.Addresses.") { return addressField(order.addresses, rest) }
        switch path {
        case "InvoiceOrder.OrderId": return String(order.orderId)
        case "InvoiceOrder.CustomerId": return order.customerId.map(String.init)
        case "InvoiceOrder.CustomerName": return order.customerName
        case "InvoiceOrder.CustomerDeliveryName": return order.customerDeliveryName
        case "InvoiceOrder.CustomerDeliveryPhone": return order.customerDeliveryPhone
        case "InvoiceOrder.OrderStatus": return order.orderStatus?.rawValue
        case "InvoiceOrder.DateOrdered": return order.dateOrdered.map(format)
        case "InvoiceOrder.DateChanged": return order.dateChanged.map(format)
        case "InvoiceOrder.YourReference": return order.yourReference
        case "InvoiceOrder.InvoiceTitle": return order.invoiceTitle
        case "InvoiceOrder.InvoiceEmailAddress": return order.invoiceEmailAddress
        case "InvoiceOrder.DeliveryDate": return order.deliveryDate.map(format)
        case "InvoiceOrder.ReferenceNumber": return order.referenceNumber
        case "InvoiceOrder.DeliveryMethod.Id": return order.deliveryMethod?.id.map(String.init)
        case "InvoiceOrder.DeliveryMethod.Description": return order.deliveryMethod?.description
        default: return path.removingPrefix("InvoiceOrder.").flatMap { order.otherFields[$0] }
        }
    }

    static func row(_ row: InvoiceRow, _ path: String) -> String? {
        switch path {
        case "InvoiceRow.ProductId": row.productId.map(String.init)
        case "InvoiceRow.RowId": row.rowId.map(String.init)
        case "InvoiceRow.Name": row.name
        case "InvoiceRow.Quantity": row.quantity.map(format)
        case "InvoiceRow.Price": row.price.map(format)
        case "InvoiceRow.Type": row.type?.rawValue
        case "InvoiceRow.ProductNo": row.productNo
        default: path.removingPrefix("InvoiceRow.").flatMap { row.otherFields[$0] }
        }
    }

    static func company(_ company: Company, _ path: String) -> String? {
        if let rest = path.removingPrefix("Company.Addresses.") { return addressField(company.addresses, rest) }
        switch path {
        case "Company.Id": return String(company.id)
        case "Company.Name": return company.name
        case "Company.OrganizationNumber": return company.organizationNumber
        case "Company.Type": return company.type?.rawValue
        default: return path.removingPrefix("Company.").flatMap { company.otherFields[$0] }
        }
    }

    /// A field of one of the four addresses, by a path such as `Post.Street`.
    static func addressField(_ addresses: Addresses?, _ path: String) -> String? {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let addresses else { return nil }
        let chosen: Address? =
            switch parts[0] {
            case "Post": addresses.post
            case "Delivery": addresses.delivery
            case "Visit": addresses.visit
            case "Invoice": addresses.invoice
            default: nil
            }
        return address(chosen, parts[1])
    }

    static func address(_ address: Address?, _ field: String) -> String? {
        guard let address else { return nil }
        switch field {
        case "Street": return address.street
        case "State": return address.state
        case "PostalCode": return address.postalCode
        case "PostalArea": return address.postalArea
        case "Name": return address.name
        case "City": return address.city
        case "Country": return address.country
        default: return nil
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
