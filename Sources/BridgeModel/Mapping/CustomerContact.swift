/// What an order takes from its customer company when the order itself lacks it: the fallbacks for the delivery
/// phone numbers and the e-mail address (seed mapping notes * and **).
///
/// An export keeps these three values per customer, not the whole ``Company``: a first sync meets thousands of
/// customers, and a company with its addresses and dictionaries is ten times the size.
public struct CustomerContact: Sendable, Hashable {
    /// The mobile phone: the company's Mobile, else Primary, else Work number.
    public var mobilePhone: String?
    /// The telephone: the company's Work, else Primary, else Mobile number.
    public var telephone: String?
    /// The e-mail address: the company's Invoice, else Primary, else Work address.
    public var email: String?

    /// Creates a contact from its values.
    public init(mobilePhone: String? = nil, telephone: String? = nil, email: String? = nil) {
        self.mobilePhone = mobilePhone
        self.telephone = telephone
        self.email = email
    }

    /// The fallbacks a company offers, by the mapping's order of preference; empty values are skipped.
    public init(_ company: Company) {
        self.init(
            mobilePhone: Self.first(company.phoneNumbers, ["Mobile", "Primary", "Work"]),
            telephone: Self.first(company.phoneNumbers, ["Work", "Primary", "Mobile"]),
            email: Self.first(company.emailAddresses, ["Invoice", "Primary", "Work"]))
    }

    private static func first(_ values: [String: String], _ kinds: [String]) -> String? {
        kinds.lazy.compactMap { values[$0] }.first { !$0.isEmpty }
    }
}
