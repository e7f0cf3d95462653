public import Foundation

/// A 24SevenOffice company: a customer, a supplier or a lead.
public struct Company: Sendable, Hashable, Codable {
    /// The company id.
    public var id: Int
    /// The name.
    public var name: String?
    /// The organisation number.
    public var organizationNumber: String?
    /// Business, Consumer, Supplier, Lead or None.
    public var type: CompanyType?
    /// The company's addresses.
    public var addresses: Addresses?
    /// Phone numbers by kind (`Home`, `Fax`, `Mobile`, `Primary`, `Work`).
    public var phoneNumbers: [String: String]
    /// E-mail addresses by kind (`Home`, `Invoice`, `Primary`, `Work`, `Alternative`).
    public var emailAddresses: [String: String]
    /// When the company last changed, as 24SevenOffice reports it (rounded).
    public var dateChanged: Date?
    /// Every other scalar property that was returned, by its 24SevenOffice name.
    public var otherFields: [String: String]

    /// Creates a company.
    public init(
        id: Int, name: String? = nil, organizationNumber: String? = nil, type: CompanyType? = nil,
        addresses: Addresses? = nil, phoneNumbers: [String: String] = [:], emailAddresses: [String: String] = [:],
        dateChanged: Date? = nil, otherFields: [String: String] = [:]
    ) {
        self.id = id
        self.name = name
        self.organizationNumber = organizationNumber
        self.type = type
        self.addresses = addresses
        self.phoneNumbers = phoneNumbers
        self.emailAddresses = emailAddresses
        self.dateChanged = dateChanged
        self.otherFields = otherFields
    }
}

/// One entry of the company sync list.
public struct SyncCompany: Sendable, Hashable, Codable {
    /// The company id.
    public var companyId: Int
    /// When it last changed.
    public var dateChanged: Date?
    /// When it was registered.
    public var dateRegistered: Date?
    /// Whether it is active.
    public var active: Bool

    /// Creates an entry.
    public init(companyId: Int, dateChanged: Date?, dateRegistered: Date?, active: Bool) {
        self.companyId = companyId
        self.dateChanged = dateChanged
        self.dateRegistered = dateRegistered
        self.active = active
    }
}
