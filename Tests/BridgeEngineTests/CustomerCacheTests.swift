import BridgeModel
import Testing
import TwentyFourSevenSimulator

@testable import BridgeEngine

/// An order export's customers: the fallbacks they give, and a cache that stays bounded over a sync of any length.
@Suite struct CustomerCacheTests {
    static func company(_ id: Int) -> Company {
        Company(id: id, phoneNumbers: ["Work": "\(id)"], emailAddresses: ["Invoice": "\(id)@example.no"])
    }

    @Test func aContactTakesEachFallbackInTheMappingsOrderSkippingEmptyValues() {
        let company = Company(
            id: 1, phoneNumbers: ["Mobile": "", "Primary": "22 00 00 00", "Work": "23 00 00 00"],
            emailAddresses: ["Primary": "post@example.no", "Work": "work@example.no"])
        #expect(
            CustomerContact(company)
                == CustomerContact(mobilePhone: "22 00 00 00", telephone: "23 00 00 00", email: "post@example.no"))
        #expect(CustomerContact(Company(id: 2)) == CustomerContact())
    }

    @Test func customersAreAskedForOnceWhileTheCacheHasRoom() {
        var cache = CustomerCache(limit: 10)
        #expect(cache.missing([1, 2, 3]) == [1, 2, 3])
        cache.add([Self.company(1), Self.company(2), Self.company(3)], wanted: [1, 2, 3])
        #expect(cache.missing([2, 3, 4]) == [4])
        cache.add([Self.company(4)], wanted: [2, 3, 4])
        #expect(Set(cache.contacts.keys) == [1, 2, 3, 4])
        #expect(cache.contacts[4]?.telephone == "4")
    }

    @Test func aFullCacheKeepsOnlyTheBatchsOwnCustomersSoItStaysBounded() {
        var cache = CustomerCache(limit: 4)
        // Seeded batches of customers, over many times the limit: the cache never holds more than the limit and the
        // batch's own, and every customer a batch wants is known when it is mapped.
        var random = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let wanted = Set((0..<Int(random.next() % 4 + 1)).map { _ in Int(random.next() % 50) })
            let missing = cache.missing(wanted)
            cache.add(missing.sorted().map(Self.company), wanted: wanted)
            #expect(cache.contacts.count <= max(cache.limit, wanted.count))
            #expect(wanted.isSubset(of: Set(cache.contacts.keys)))
        }
    }
}

/// The order sync list as the exporter reads it: each id once, in ascending order.
@Suite struct OrderSyncListTests {
    @Test func idsAreSortedAndEachKeptOnceAsASetWouldKeepThem() {
        var random = SplitMix64(seed: 11)
        for size in [0, 1, 2, 3, 17, 1000] {
            let ids = (0..<size).map { _ in Int(random.next() % 64) - 8 }
            #expect(Exporter.sortedUnique(ids) == Array(Set(ids)).sorted(), "\(ids)")
        }
        #expect(Exporter.sortedUnique([3, 3, 3]) == [3])
    }
}
