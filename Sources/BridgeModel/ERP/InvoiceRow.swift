public import Foundation

/// One row of a 24SevenOffice order.
public struct InvoiceRow: Sendable, Hashable, Codable {
    /// The product on this row; absent on text rows.
    public var productId: Int?
    /// The row id, unique within the order.
    public var rowId: Int?
    /// The row's text.
    public var name: String?
    /// The quantity.
    public var quantity: Decimal?
    /// The unit price.
    public var price: Decimal?
    /// Normal, Text or TextBold.
    public var type: InvoiceRowType?
    /// The product number (read only in 24SevenOffice).
    public var productNo: String?
    /// Every other scalar property that was returned, by its 24SevenOffice name.
    public var otherFields: [String: String]

    /// Creates a row.
    public init(
        productId: Int? = nil, rowId: Int? = nil, name: String? = nil, quantity: Decimal? = nil,
        price: Decimal? = nil, type: InvoiceRowType? = nil, productNo: String? = nil,
        otherFields: [String: String] = [:]
    ) {
        self.productId = productId
        self.rowId = rowId
        self.name = name
        self.quantity = quantity
        self.price = price
        self.type = type
        self.productNo = productNo
        self.otherFields = otherFields
    }
}
