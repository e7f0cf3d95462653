/// A postal address as 24SevenOffice holds it (shared by orders and companies).
public struct Address: Sendable, Hashable, Codable {
    /// Street and number.
    public var street: String?
    /// State or region.
    public var state: String?
    /// Postal code.
    public var postalCode: String?
    /// Postal area (the town, in Norwegian data).
    public var postalArea: String?
    /// A name line.
    public var name: String?
    /// City.
    public var city: String?
    /// Country, as free text (a code or a name).
    public var country: String?

    /// Creates an address.
    public init(
        street: String? = nil, state: String? = nil, postalCode: String? = nil, postalArea: String? = nil,
        name: String? = nil, city: String? = nil, country: String? = nil
    ) {
        self.street = street
        self.state = state
        self.postalCode = postalCode
        self.postalArea = postalArea
        self.name = name
        self.city = city
        self.country = country
    }

    /// Whether no field is set.
    public var isEmpty: Bool {
        [street, state, postalCode, postalArea, name, city, country].allSatisfy { $0 == nil }
    }
}

/// The four addresses 24SevenOffice keeps on an order or a company.
public struct Addresses: Sendable, Hashable, Codable {
    /// Postal address.
    public var post: Address?
    /// Delivery address.
    public var delivery: Address?
    /// Visiting address.
    public var visit: Address?
    /// Invoice address.
    public var invoice: Address?

    /// Creates a set of addresses.
    public init(post: Address? = nil, delivery: Address? = nil, visit: Address? = nil, invoice: Address? = nil) {
        self.post = post
        self.delivery = delivery
        self.visit = visit
        self.invoice = invoice
    }
}
