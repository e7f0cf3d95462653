import BridgeModel
import Foundation
import Testing

@testable import BridgeEngine

/// The state's statements over many keys take them in chunks (``BatchedSQL``): more keys than one chunk holds, with a
/// shorter last chunk and keys the state does not know, give what one statement per key gives.
@Suite struct BatchedStatementTests {
    /// More than two chunks, so that there are full chunks and a shorter last one.
    static let count = 2 * BatchedSQL.chunkSize + 37

    @Test func lookupsAndUpdatesOverManyChunksMatchOneKeyAtATime() async throws {
        let workspace = try Workspace()
        let store = try StateDatabase(folder: workspace.state).store(goodsOwner: "ACME")
        let keys = (0..<Self.count).map { "order-\($0)" }
        let planned = keys.enumerated().map { index, key in
            StateStore.PlannedExport(
                key: key, contentHash: "h\(index)", fileName: "\(key).xml",
                pinnedDeliveryDate: index % 3 == 0 ? "2026-12-0\(index % 9 + 1)" : nil)
        }
        try await store.beginExports(.order, planned, csvFile: "orders-1.csv")
        // Every third key is finished; keys the state never saw are asked for too.
        let finished = keys.enumerated().filter { $0.offset % 3 == 1 }.map(\.element)
        try await store.finishExports(.order, finished)
        let asked = keys + (0..<40).map { "unknown-\($0)" }

        let entries = try await store.exports(.order, asked)
        #expect(entries.count == keys.count)
        for key in asked {
            #expect(entries[key] == (try await store.export(.order, key)), "\(key)")
        }
        #expect(entries.values.filter(\.isWritten).map(\.key).sorted() == finished.sorted())
        #expect(entries["order-5"]?.contentHash == "h5" && entries["order-5"]?.fileName == "order-5.xml")

        let dates = try await store.pinnedDeliveryDates(.order, asked)
        #expect(dates.count == planned.filter { $0.pinnedDeliveryDate != nil }.count)
        #expect(dates["order-9"] == "2026-12-01" && dates["order-10"] == nil)

        // A second pending record keeps the dates it does not set (coalesce) and starts the writes again.
        let again = planned.map { StateStore.PlannedExport(key: $0.key, contentHash: "new", fileName: $0.fileName) }
        try await store.beginExports(.order, again, csvFile: nil, finishing: Array(keys.prefix(300)))
        let after = try await store.exports(.order, keys)
        #expect(after.values.allSatisfy { $0.contentHash == "new" && !$0.isWritten })
        #expect(try await store.pinnedDeliveryDates(.order, keys) == dates)
    }

    @Test func csvRowsOverManyChunksAreOwedAndSettledPerKey() async throws {
        let workspace = try Workspace()
        let store = try StateDatabase(folder: workspace.state).store(goodsOwner: "ACME")
        let keys = (0..<Self.count).map(String.init)
        try await store.beginExports(
            .order, keys.map { StateStore.PlannedExport(key: $0, contentHash: "h", fileName: $0) },
            csvFile: "orders-dead.csv")
        try await store.finishExports(.order, keys)
        let owed = keys.filter { Int($0)! % 2 == 0 }
        try await store.oweCSV(.order, keys: owed)
        #expect(try await store.exports(.order, keys).filter(\.value.isCSVOwed).keys.sorted() == owed.sorted())
        try await store.beginExports(.order, [], csvFile: "orders-next.csv", owed: owed)
        #expect(Set(try await store.csvPending(.order).filter { $0.file == "orders-next.csv" }.map(\.key)) == Set(owed))
        try await store.finishCSV(.order, keys: keys.filter { Int($0)! % 2 == 1 })
        #expect(Set(try await store.csvPending(.order).map(\.key)) == Set(owed))
    }

    @Test func articleNumbersOverManyChunks() async throws {
        let workspace = try Workspace()
        let store = try StateDatabase(folder: workspace.state).store(goodsOwner: "ACME")
        var numbers: [Int: String] = [:]
        for id in 0..<Self.count where id % 4 != 0 { numbers[id] = "ART-\(id)" }
        try await store.recordArticleNumbers(numbers)
        #expect(try await store.articleNumbers(Set(0..<(Self.count + 50))) == numbers)
        #expect(try await store.articleNumbers([]) == [:])
    }
}
