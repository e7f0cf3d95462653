public import BridgeModel
public import Foundation

/// Which products to fetch with GetProducts.
public struct ProductQuery: Sendable, Equatable {
    /// Products changed on or after this time (`DateChanged`).
    public var changedSince: Date?
    /// Exactly these products (`ProductIds`), fetched in batches of at most 1000.
    public var productIds: [Int]?

    /// Creates a query; give at least one criterion.
    public init(changedSince: Date? = nil, productIds: [Int]? = nil) {
        self.changedSince = changedSince
        self.productIds = productIds
    }
}

/// Which orders to fetch with GetInvoices.
public struct InvoiceQuery: Sendable, Equatable {
    /// Orders changed after this time (`ChangedAfter`).
    public var changedAfter: Date?
    /// Only orders in these states (`OrderStates`); empty means any state.
    public var orderStates: [OrderSlipState]
    /// Exactly these orders (`OrderIds`), fetched in batches of at most 1000.
    public var orderIds: [Int]?
    /// Only orders of these customers (`CustomerIds`).
    public var customerIds: [Int]?

    /// Creates a query; give at least one criterion.
    public init(
        changedAfter: Date? = nil, orderStates: [OrderSlipState] = [], orderIds: [Int]? = nil, customerIds: [Int]? = nil
    ) {
        self.changedAfter = changedAfter
        self.orderStates = orderStates
        self.orderIds = orderIds
        self.customerIds = customerIds
    }
}

/// Which companies to fetch with GetCompanies.
public struct CompanyQuery: Sendable, Equatable {
    /// Companies changed after this time (`ChangedAfter`).
    public var changedAfter: Date?
    /// Exactly these companies (`CompanyIds`), fetched in batches of at most 1000.
    public var companyIds: [Int]?

    /// Creates a query; give at least one criterion.
    public init(changedAfter: Date? = nil, companyIds: [Int]? = nil) {
        self.changedAfter = changedAfter
        self.companyIds = companyIds
    }
}

/// A status change of an existing 24SevenOffice order.
public struct OrderStatusUpdate: Sendable, Hashable {
    /// The order.
    public var orderId: Int
    /// The order's customer; 24SevenOffice clients send it with status changes.
    public var customerId: Int?
    /// The new status.
    public var status: OrderSlipState

    /// Creates an update.
    public init(orderId: Int, customerId: Int? = nil, status: OrderSlipState) {
        self.orderId = orderId
        self.customerId = customerId
        self.status = status
    }
}

/// What became of one order status change.
public enum OrderStatusOutcome: Sendable, Equatable {
    /// This call changed the status.
    case applied
    /// An earlier attempt whose answer was lost had already changed it; nothing was sent again.
    case alreadyApplied
    /// 24SevenOffice refused the change for this order (for example, it is invoiced or unknown).
    case refused(TwentyFourSevenItemError)
}

/// The 24SevenOffice property names the bridge asks for by default.
public enum ReturnProperties {
    /// Product properties for the article registry and stock.
    public static let product = [
        "Id", "Name", "Stock", "Description", "EAN1", "Price", "No", "DateChanged", "Weight", "StockControlled",
    ]
    /// Order properties for the order export.
    public static let invoice = [
        "OrderId", "CustomerId", "CustomerName", "CustomerDeliveryName", "CustomerDeliveryPhone", "Addresses",
        "OrderStatus", "DateOrdered", "DateChanged", "YourReference", "InvoiceTitle", "InvoiceEmailAddress",
        "InvoiceRows", "DeliveryDate", "ReferenceNumber", "DeliveryMethod",
    ]
    /// Row properties for the order export.
    public static let invoiceRow = ["ProductId", "RowId", "Price", "Name", "Quantity", "Type", "ProductNo"]
    /// Company properties for suppliers and the phone and e-mail fallback.
    public static let company = [
        "Id", "OrganizationNumber", "Name", "Addresses", "PhoneNumbers", "EmailAddresses", "Type", "DateChanged",
    ]
}
