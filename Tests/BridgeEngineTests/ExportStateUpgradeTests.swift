import BridgeModel
import Foundation
import GRDB
import Testing

@testable import BridgeEngine

/// States written by versions that kept each export's content for recovery (in the export's row up to schema v8, in
/// a table beside it in v9) open without it: the content is dropped, the exports and their pending writes are kept.
@Suite struct ExportStateUpgradeTests {
    /// The tables and the export table's columns of the state in `folder`, read with a connection of its own.
    static func schema(_ folder: String) throws -> (tables: Set<String>, exportColumns: Set<String>) {
        let queue = try DatabaseQueue(path: folder + "/sevenbridge.sqlite")
        defer { try? queue.close() }
        return try queue.read { db in
            (
                Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")),
                Set(try db.columns(in: "export").map(\.name))
            )
        }
    }

    /// Writes a state of schema `version` with one written and one pending order, and their content where that
    /// version kept it.
    static func oldState(_ folder: String, upTo version: String, contentTable: Bool) throws {
        let queue = try DatabaseQueue(path: folder + "/sevenbridge.sqlite")
        try StateDatabase.migrator.migrate(queue, upTo: version)
        let content = Data(#"{"OrderInfo.OrderNumber":"5016"}"#.utf8)
        try queue.write { db in
            for (key, written) in [("5016", true), ("5017", false)] {
                try db.execute(
                    sql: """
                        INSERT INTO export (goodsOwner, kind, key, contentHash, fileName, written, csvPending,
                            updatedAt)
                        VALUES ('ACME', 'order', ?, 'h', ?, ?, 0, '2026-12-01 10:00:00')
                        """, arguments: [key, "order-\(key).xml", written])
                let sql =
                    contentTable
                    ? "INSERT INTO exportContent (goodsOwner, kind, key, content) VALUES ('ACME', 'order', ?, ?)"
                    : "UPDATE export SET content = ? WHERE key = ?"
                try db.execute(sql: sql, arguments: contentTable ? [key, content] : [content, key])
            }
        }
        try queue.close()
    }

    @Test(arguments: [("v8-csv-pending", false), ("v9-export-content", true)])
    func contentIsDroppedAndTheExportsAreKept(version: String, contentTable: Bool) async throws {
        let workspace = try Workspace()
        try Self.oldState(workspace.state, upTo: version, contentTable: contentTable)
        #expect(try Self.schema(workspace.state).tables.contains("exportContent") == contentTable)
        let store = try StateDatabase(folder: workspace.state).store(goodsOwner: "ACME")
        #expect(try await store.pendingExports().map(\.key) == ["5017"])
        let written = try #require(try await store.export(.order, "5016"))
        #expect(written.isWritten && written.contentHash == "h" && written.fileName == "order-5016.xml")
        let schema = try Self.schema(workspace.state)
        #expect(!schema.tables.contains("exportContent"))
        #expect(!schema.exportColumns.contains("content"))
        #expect(schema.exportColumns.isSuperset(of: ["key", "contentHash", "fileName", "written", "csvPending"]))
    }

    @Test func owedRowsAreNamedWithTheFileTheyGoIntoAndSettledWithIt() async throws {
        let workspace = try Workspace()
        let store = try StateDatabase(folder: workspace.state).store(goodsOwner: "ACME")
        let planned = ["1", "2", "3"].map { StateStore.PlannedExport(key: $0, contentHash: "h\($0)", fileName: $0) }
        try await store.beginExports(.order, planned, csvFile: "orders-dead.csv")
        try await store.finishExports(.order, ["1", "2", "3"])
        #expect(try await store.exports(.order, ["1", "2", "3"]).values.allSatisfy { !$0.isCSVOwed })
        // The run died before its CSV file was committed: two of its rows are owed.
        try await store.oweCSV(.order, keys: ["1", "2"])
        let owed = try await store.exports(.order, ["1", "2", "3"])
        #expect(owed.filter(\.value.isCSVOwed).keys.sorted() == ["1", "2"])
        #expect(try await store.csvPending(.order).filter { $0.file == nil }.map(\.key).sorted() == ["1", "2"])
        // The next run writes one of them into its file.
        try await store.beginExports(.order, [], csvFile: "orders-next.csv", owed: ["1"])
        #expect(try await store.csvPending(.order).first { $0.key == "1" }?.file == "orders-next.csv")
        try await store.finishCSV(.order, file: "orders-next.csv")
        let after = try await store.exports(.order, ["1", "2"])
        #expect(after["1"]?.isCSVOwed == false && after["2"]?.isCSVOwed == true)
        #expect(try await store.csvPending(.order).map(\.key).sorted() == ["2", "3"])
    }
}
