import BridgeModel

/// The phone and e-mail fallbacks of the customers an order export has read, by company id: at most ``limit`` of them
/// between batches, so that a sync of any length holds a bounded number.
///
/// A batch asks for the customers its orders need that the cache does not know (``missing(_:)``), and adds what
/// 24SevenOffice answered (``add(_:wanted:)``); when that would take the cache over its limit, it keeps only the
/// batch's own customers.
struct CustomerCache: Sendable {
    /// The most customers kept between batches.
    let limit: Int
    /// The known customers' fallbacks, by company id.
    private(set) var contacts: [Int: CustomerContact] = [:]

    /// An empty cache.
    /// - Parameter limit: the most customers kept between batches (a few hundred kilobytes at the default).
    init(limit: Int = 5000) {
        self.limit = limit
    }

    /// Of the customers a batch wants, those the cache does not know.
    func missing(_ wanted: Set<Int>) -> Set<Int> {
        wanted.subtracting(contacts.keys)
    }

    /// Adds the companies read for a batch that wants `wanted`; when they would take the cache over its limit, the
    /// customers the batch does not want are let go of first.
    mutating func add(_ companies: [Company], wanted: Set<Int>) {
        if contacts.count + companies.count > limit {
            contacts = contacts.filter { wanted.contains($0.key) }
        }
        for company in companies { contacts[company.id] = CustomerContact(company) }
    }
}
