import BridgeModel
import Foundation
import GRDB
import Gzip
import Testing

@testable import BridgeEngine

/// The content the state keeps of each export, for recovery: compressed since the export path compresses it, as is
/// in states earlier versions wrote; read back as the same canonical JSON either way.
@Suite struct StoredContentTests {
    static let record = OngoingRecord(
        kind: .order, key: "5016", values: ["OrderInfo.OrderNumber": "5016", "OrderInfo.OrderRemark": "ring før"])

    @Test func compressedAndPlainContentReadBackAsTheSameJSON() async throws {
        let workspace = try Workspace()
        let store = try StateDatabase(folder: workspace.state).store(goodsOwner: "ACME")
        let json = Data(Self.record.canonicalJSON)
        let compressed = Data(try GzipMembers(level: 1).member(Array(json)))
        #expect(compressed.count > 0 && compressed.starts(with: [0x1F, 0x8B]))
        try await store.beginExports(
            .order,
            [
                StateStore.PlannedExport(key: "new", contentHash: "h1", fileName: "order-new.xml", content: compressed),
                StateStore.PlannedExport(key: "old", contentHash: "h2", fileName: "order-old.xml", content: json),
            ], csvFile: "orders-1.csv")
        #expect(try await store.content(.order, "new") == json)
        #expect(try await store.content(.order, "old") == json)
        #expect(
            try JSONDecoder().decode(OngoingRecord.self, from: try #require(try await store.content(.order, "new")))
                == Self.record)
    }

    @Test func contentKeptInTheExportRowByEarlierVersionsMovesBesideIt() async throws {
        let workspace = try Workspace()
        // A state as version 8 of the schema kept it: the content in the export's own row.
        let queue = try DatabaseQueue(path: workspace.state + "/sevenbridge.sqlite")
        try StateDatabase.migrator.migrate(queue, upTo: "v8-csv-pending")
        let json = Data(Self.record.canonicalJSON)
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO export (goodsOwner, kind, key, contentHash, fileName, written, csvPending, content,
                        updatedAt)
                    VALUES ('ACME', 'order', '5016', 'h', 'order-5016.xml', 0, 0, ?, '2026-12-01 10:00:00')
                    """, arguments: [Data(try GzipMembers(level: 1).member(Array(json)))])
        }
        try queue.close()
        let store = try StateDatabase(folder: workspace.state).store(goodsOwner: "ACME")
        #expect(try await store.content(.order, "5016") == json)
        #expect(try await store.pendingExports().map(\.key) == ["5016"])
        try await store.forgetExport(.order, "5016")
        #expect(try await store.content(.order, "5016") == nil)
        #expect(try await store.pendingExports().isEmpty)
    }

    @Test func contentThatDoesNotDecompressIsAnErrorNamingTheObject() async throws {
        let workspace = try Workspace()
        let store = try StateDatabase(folder: workspace.state).store(goodsOwner: "ACME")
        let broken = Data([0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02])
        try await store.beginExports(
            .order, [StateStore.PlannedExport(key: "5017", contentHash: "h", fileName: "f", content: broken)],
            csvFile: nil)
        await #expect {
            _ = try await store.content(.order, "5017")
        } throws: { error in
            "\(error)".contains("order 5017") && "\(error)".contains("does not decompress")
        }
    }
}
