public import Foundation

/// A product of the 24SevenOffice article registry, with the properties the bridge reads.
///
/// Every property except `id` is optional: 24SevenOffice fills only the properties a call asks for, and
/// sentinel "not set" values arrive as `nil`.
public struct Product: Sendable, Hashable, Codable {
    /// The 24SevenOffice product id.
    public var id: Int
    /// The product number (SKU), `No`.
    public var number: String?
    /// The name.
    public var name: String?
    /// The description.
    public var description: String?
    /// The EAN barcode, `EAN1`.
    public var ean: String?
    /// The weight.
    public var weight: Decimal?
    /// The stock quantity.
    public var stock: Decimal?
    /// The sales price.
    public var price: Decimal?
    /// Whether 24SevenOffice manages stock for this product.
    public var stockControlled: Bool?
    /// When the product last changed, as 24SevenOffice reports it (rounded).
    public var dateChanged: Date?
    /// Every other scalar property that was returned, by its 24SevenOffice name.
    public var otherFields: [String: String]

    /// Creates a product.
    public init(
        id: Int, number: String? = nil, name: String? = nil, description: String? = nil, ean: String? = nil,
        weight: Decimal? = nil, stock: Decimal? = nil, price: Decimal? = nil, stockControlled: Bool? = nil,
        dateChanged: Date? = nil, otherFields: [String: String] = [:]
    ) {
        self.id = id
        self.number = number
        self.name = name
        self.description = description
        self.ean = ean
        self.weight = weight
        self.stock = stock
        self.price = price
        self.stockControlled = stockControlled
        self.dateChanged = dateChanged
        self.otherFields = otherFields
    }
}
