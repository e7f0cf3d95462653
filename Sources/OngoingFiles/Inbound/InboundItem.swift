public import Foundation

/// The kinds of file the WMS drops in the inbox, recognised by content.
public enum InboundKind: String, Sendable, Hashable, CaseIterable {
    /// Orders with their status, shipped time, waybill and picked lines (`GetOrdersByQueryResponse` or CSV).
    case shipment
    /// Stock per article (`GetInventoryByQueryResponse` or CSV).
    case stock
    /// The importer's answer to an order file (`ProcessOrderResponse`).
    case acknowledgement
}

/// One order as the WMS reports it.
public struct ShipmentReport: Sendable, Equatable {
    /// The goods owner's order number: the 24SevenOffice OrderId.
    public var orderNumber: String
    /// The WMS order status number (450 Sent, 500 Collected, ...).
    public var statusNumber: Int
    /// When the order was shipped, if it was.
    public var shippedTime: Date?
    /// The waybill, if any.
    public var wayBill: String?
    /// Picked quantities per order line.
    public var lines: [PickedLine]
    /// Where the order is in the file (`line 12`, `Order 3 (line 40)`).
    public var location: String

    /// Creates a report.
    public init(
        orderNumber: String, statusNumber: Int, shippedTime: Date?, wayBill: String?, lines: [PickedLine],
        location: String
    ) {
        self.orderNumber = orderNumber
        self.statusNumber = statusNumber
        self.shippedTime = shippedTime
        self.wayBill = wayBill
        self.lines = lines
        self.location = location
    }
}

/// Picked quantities of one order line.
public struct PickedLine: Sendable, Equatable {
    /// The line's code: the 24SevenOffice RowId.
    public var externalOrderLineCode: String
    /// Ordered quantity, if reported.
    public var ordered: Decimal?
    /// Picked quantity.
    public var picked: Decimal

    /// Creates a line.
    public init(externalOrderLineCode: String, ordered: Decimal?, picked: Decimal) {
        self.externalOrderLineCode = externalOrderLineCode
        self.ordered = ordered
        self.picked = picked
    }
}

/// One article's stock as the WMS reports it.
public struct StockReport: Sendable, Equatable {
    /// The article number, if given.
    public var articleNumber: String?
    /// The product code (the 24SevenOffice product id), if given.
    public var productCode: String?
    /// What can still be sold.
    public var sellable: Decimal?
    /// Physical stock.
    public var numberOfItems: Decimal?
    /// Where the article is in the file.
    public var location: String

    /// Creates a report.
    public init(
        articleNumber: String?, productCode: String?, sellable: Decimal?, numberOfItems: Decimal?, location: String
    ) {
        self.articleNumber = articleNumber
        self.productCode = productCode
        self.sellable = sellable
        self.numberOfItems = numberOfItems
        self.location = location
    }
}

/// The importer's answer to one order file.
public struct ImportAcknowledgement: Sendable, Equatable {
    /// Whether the import succeeded.
    public var success: Bool
    /// The importer's error message, when it failed.
    public var errorMessage: String?
    /// The goods owner's order number.
    public var orderNumber: String
    /// Ongoing's own order id, if given.
    public var ongoingOrderId: Int?
    /// Where the answer is in the file.
    public var location: String

    /// Creates an acknowledgement.
    public init(success: Bool, errorMessage: String?, orderNumber: String, ongoingOrderId: Int?, location: String) {
        self.success = success
        self.errorMessage = errorMessage
        self.orderNumber = orderNumber
        self.ongoingOrderId = ongoingOrderId
        self.location = location
    }
}

/// One item of an inbox file.
public enum InboundItem: Sendable, Equatable {
    /// An order's shipment status.
    case shipment(ShipmentReport)
    /// An article's stock.
    case stock(StockReport)
    /// An import acknowledgement.
    case acknowledgement(ImportAcknowledgement)
}

/// A row or element that could not be used; the rest of the file still is.
public struct RowProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where it is (`line 7`, `InventoryLine 3 (line 25)`).
    public var location: String
    /// What is wrong, in plain words.
    public var reason: String

    /// Creates a problem.
    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }

    /// A readable description, for reports and error files.
    public var description: String { "\(location): \(reason)" }
}
