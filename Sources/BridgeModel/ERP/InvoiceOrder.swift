public import Foundation

/// A 24SevenOffice sales order (an invoice once its status is Invoiced), with the properties the bridge reads.
public struct InvoiceOrder: Sendable, Hashable, Codable {
    /// The order id, the key of the order.
    public var orderId: Int
    /// The customer's company id.
    public var customerId: Int?
    /// The customer's name (invoice name).
    public var customerName: String?
    /// The delivery name.
    public var customerDeliveryName: String?
    /// The delivery phone.
    public var customerDeliveryPhone: String?
    /// Delivery and invoice addresses.
    public var addresses: Addresses?
    /// The order status.
    public var orderStatus: OrderSlipState?
    /// When the order was placed.
    public var dateOrdered: Date?
    /// When the order last changed, as 24SevenOffice reports it (rounded).
    public var dateChanged: Date?
    /// The customer's reference person.
    public var yourReference: String?
    /// The order's comment (`InvoiceTitle`).
    public var invoiceTitle: String?
    /// The e-mail address invoices go to.
    public var invoiceEmailAddress: String?
    /// The order rows, in order.
    public var rows: [InvoiceRow]?
    /// The requested delivery date.
    public var deliveryDate: Date?
    /// The customer's order reference.
    public var referenceNumber: String?
    /// How the order is delivered.
    public var deliveryMethod: DeliveryMethod?
    /// Every other scalar property that was returned, by its 24SevenOffice name.
    public var otherFields: [String: String]

    /// Creates an order.
    public init(
        orderId: Int, customerId: Int? = nil, customerName: String? = nil, customerDeliveryName: String? = nil,
        customerDeliveryPhone: String? = nil, addresses: Addresses? = nil, orderStatus: OrderSlipState? = nil,
        dateOrdered: Date? = nil, dateChanged: Date? = nil, yourReference: String? = nil, invoiceTitle: String? = nil,
        invoiceEmailAddress: String? = nil, rows: [InvoiceRow]? = nil, deliveryDate: Date? = nil,
        referenceNumber: String? = nil, deliveryMethod: DeliveryMethod? = nil, otherFields: [String: String] = [:]
    ) {
        self.orderId = orderId
        self.customerId = customerId
        self.customerName = customerName
        self.customerDeliveryName = customerDeliveryName
        self.customerDeliveryPhone = customerDeliveryPhone
        self.addresses = addresses
        self.orderStatus = orderStatus
        self.dateOrdered = dateOrdered
        self.dateChanged = dateChanged
        self.yourReference = yourReference
        self.invoiceTitle = invoiceTitle
        self.invoiceEmailAddress = invoiceEmailAddress
        self.rows = rows
        self.deliveryDate = deliveryDate
        self.referenceNumber = referenceNumber
        self.deliveryMethod = deliveryMethod
        self.otherFields = otherFields
    }
}

/// How a 24SevenOffice order is delivered.
public struct DeliveryMethod: Sendable, Hashable, Codable {
    /// The delivery method's id.
    public var id: Int?
    /// The delivery method's description.
    public var description: String?

    /// Creates a delivery method.
    public init(id: Int? = nil, description: String? = nil) {
        self.id = id
        self.description = description
    }
}
