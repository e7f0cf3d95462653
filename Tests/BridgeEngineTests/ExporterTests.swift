import BridgeEngine
import BridgeModel
import Foundation
import GRDB
import Testing
import TwentyFourSevenSimulator
import XMLStream

/// The exporters against the simulator on real folders: what they write, and that they write it once.
@Suite struct ExporterTests {
    @Test func firstRunExportsEverythingValidAndTheSecondRunNothing() async throws {
        let workspace = try Workspace()
        try await withSimulator { _, url in
            let exporter = try await makeExporter(url, workspace)
            let articles = try await exporter.exportArticles()
            let suppliers = try await exporter.exportSuppliers()
            let orders = try await exporter.exportOrders()
            #expect(articles.written.count == 35)
            #expect(suppliers.written.count == 3)
            #expect(orders.written.count == 10)
            #expect(orders.notices.contains { $0.contains("5010") && $0.contains("quantity 0") })

            let files = try workspace.outboxFiles()
            #expect(files.filter { $0.hasSuffix(".xml") }.count == 48)
            #expect(files.filter { $0.hasSuffix(".csv") }.count == 3)
            for file in files where file.hasSuffix(".xml") {
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: workspace.outbox + "/" + file)))
                let problems = ongoingValidator.validate(bytes, document: file)
                #expect(problems.isEmpty, "\(file): \(problems)")
            }
            let orderNumbers = files.filter { $0.hasPrefix("order-") }.map { $0.split(separator: "-")[1] }
            #expect(
                Set(orderNumbers) == ["5007", "5008", "5010", "5011", "5013", "5014", "5016", "5017", "5019", "5020"])

            let again = try await makeExporter(url, workspace)
            #expect(try await again.exportArticles().written.isEmpty)
            #expect(try await again.exportSuppliers().written.isEmpty)
            #expect(try await again.exportOrders().written.isEmpty)
            #expect(try workspace.outboxFiles() == files)
            #expect(try ArchiveVerifier.verify(root: workspace.archive).records == 51)
        }
    }

    @Test func aLaterRunOfTheSameExporterReadsTheCustomersContactDataAgain() async throws {
        let workspace = try Workspace()
        try await withSimulator { store, url in
            // One exporter for both runs, as the daemon's runtime keeps it.
            let exporter = try await makeExporter(url, workspace)
            let first = try await exporter.exportOrders()
            let name = try #require(first.written.first { $0.hasPrefix("order-5013-") })
            // Order 5013 has no delivery phone of its own: the customer's (20005) stands in.
            let before = try String(contentsOfFile: workspace.outbox + "/" + name, encoding: .utf8)
            #expect(before.contains("61 25 44 10"))
            await store.editCompany(20005) { company in
                company.children = company.children.map { child in
                    guard child.name == "PhoneNumbers" else { return child }
                    let value = XMLElement(name: "Value", namespaceURI: child.namespaceURI, text: "22 33 44 55")
                    return XMLElement(
                        name: "PhoneNumbers", namespaceURI: child.namespaceURI,
                        children: [XMLElement(name: "Primary", namespaceURI: child.namespaceURI, children: [value])])
                }
            }
            await store.editOrder(5013) { order in order = order.setting("InvoiceTitle", to: "Ring før levering") }
            let second = try await exporter.exportOrders()
            let again = try #require(second.written.first { $0.hasPrefix("order-5013-") })
            let after = try String(contentsOfFile: workspace.outbox + "/" + again, encoding: .utf8)
            #expect(after.contains("22 33 44 55"))
            #expect(!after.contains("61 25 44 10"))
        }
    }

    @Test func aChangedOrderIsWrittenAgainAndNothingElse() async throws {
        let workspace = try Workspace()
        try await withSimulator { store, url in
            _ = try await makeExporter(url, workspace).exportOrders()
            await store.editOrder(5013) { order in
                order = order.setting("InvoiceTitle", to: "Ring før levering")
            }
            // An order in another state changes too; it must still not be exported.
            await store.editOrder(5009) { order in order = order.setting("InvoiceTitle", to: "Tilbud endret") }
            let second = try await makeExporter(url, workspace).exportOrders()
            #expect(second.written.count == 1)
            #expect(second.written.first?.hasPrefix("order-5013-") == true)
            let text = try String(contentsOfFile: workspace.outbox + "/" + second.written[0], encoding: .utf8)
            #expect(text.contains("<OrderRemark>Ring før levering</OrderRemark>"))
            #expect(try workspace.outboxFiles().filter { $0.hasPrefix("order-5009") }.isEmpty)
        }
    }

    @Test func aRunCutShortThenRepeatedLeavesEveryObjectExactlyOnce() async throws {
        let workspace = try Workspace()
        try await withSimulator { _, url in
            // Login, GetOrderSyncList and GetInvoices succeed, then the customers' GetCompanies fails: the run dies.
            await #expect(throws: (any Error).self) {
                _ = try await makeExporter(url, workspace, transport: CuttingTransport(allow: 3)).exportOrders()
            }
            #expect(try workspace.allOutboxFiles().isEmpty)
            let finished = try await makeExporter(url, workspace).exportOrders()
            #expect(finished.written.count == 10)
            let files = try workspace.allOutboxFiles()
            #expect(files.allSatisfy { !$0.hasPrefix(".") }, "no hidden half-written file: \(files)")
            let orderFiles = files.filter { $0.hasPrefix("order-") }
            #expect(orderFiles.count == 10)
            #expect(Set(orderFiles.map { $0.split(separator: "-")[1] }).count == 10)
        }
    }

    @Test func anInterruptedWriteIsCompletedOnceOnTheNextStart() async throws {
        let workspace = try Workspace()
        try await withSimulator { _, url in
            _ = try await makeExporter(url, workspace, formats: [.xml]).exportArticles()
            let original = try workspace.outboxFiles()
            // Simulate a crash after the hidden file was flushed and archived but before the rename.
            let victim = try #require(original.first { $0.hasPrefix("article-") })
            try FileManager.default.moveItem(
                atPath: workspace.outbox + "/" + victim, toPath: workspace.outbox + "/." + victim + ".tmp")
            let store = try StateDatabase(folder: workspace.state).store(goodsOwner: "ACME")
            let key = try #require(try await store.pendingExports().isEmpty ? victimKey(victim) : nil)
            let entry = try #require(try await store.export(.article, key))
            try await store.beginExports(
                .article,
                [
                    StateStore.PlannedExport(key: key, contentHash: entry.contentHash, fileName: entry.fileName)
                ], csvFile: nil)

            let rerun = try await makeExporter(url, workspace, formats: [.xml]).exportArticles()
            #expect(rerun.recovered == 1)
            #expect(rerun.written.isEmpty)
            #expect(try workspace.allOutboxFiles() == original)
            #expect(try ArchiveVerifier.verify(root: workspace.archive).records == 35)
        }
    }

    @Test func aDryRunWritesNothingAndMovesNoWatermark() async throws {
        let workspace = try Workspace()
        try await withSimulator { store, url in
            let dry = try await makeExporter(url, workspace, dryRun: true).exportOrders()
            #expect(dry.written.count == 10)
            #expect(try workspace.allOutboxFiles().isEmpty)
            #expect(!FileManager.default.fileExists(atPath: workspace.archive + "/manifest.jsonl"))
            #expect(await store.writes.isEmpty)
            #expect(try await makeExporter(url, workspace).exportOrders().written.count == 10)
        }
    }
}

/// The article key in a file name `article-<key>-<stamp>.xml`.
func victimKey(_ file: String) -> String {
    let trimmed = file.dropFirst("article-".count).dropLast(".xml".count)
    return String(trimmed[..<trimmed.lastIndex(of: "-")!])
}

/// CSV rows survive a crash at any point of committing a run's CSV file: neither lost nor repeated.
@Suite struct CSVRecoveryTests {
    /// Puts every article back into the state a crash leaves before the CSV file is settled: rows pending, file named,
    /// and the watermark where it was before the run (it moves only when a run has finished).
    static func pretendCrash(_ workspace: Workspace, file: String) async throws {
        let store = try StateDatabase(folder: workspace.state).store(goodsOwner: "ACME")
        let keys = (try workspace.outboxFiles()).filter { $0.hasPrefix("article-") }.map(victimKey)
        var planned: [StateStore.PlannedExport] = []
        for key in keys {
            let entry = try #require(try await store.export(.article, key))
            planned.append(StateStore.PlannedExport(key: key, contentHash: entry.contentHash, fileName: entry.fileName))
        }
        try await store.beginExports(.article, planned, csvFile: file)
        try await store.finishExports(.article, keys)
        let database = try DatabaseQueue(path: workspace.state + "/sevenbridge.sqlite")
        try await database.write { db in try db.execute(sql: "DELETE FROM watermark") }
        try database.close()
    }

    @Test func aCrashAfterTheCSVWasCommittedRepeatsNoRow() async throws {
        let workspace = try Workspace()
        try await withSimulator { _, url in
            let first = try await makeExporter(url, workspace).exportArticles()
            let csv = try #require(first.csvFile)
            try await Self.pretendCrash(workspace, file: csv)
            let second = try await makeExporter(url, workspace).exportArticles()
            #expect(second.csvFile == nil)  // the rows were already in the committed file
            #expect(try workspace.outboxFiles().filter { $0.hasSuffix(".csv") } == [csv])
        }
    }

    @Test func aCrashBetweenArchivingAndRenamingFinishesTheRename() async throws {
        let workspace = try Workspace()
        try await withSimulator { _, url in
            let first = try await makeExporter(url, workspace).exportArticles()
            let csv = try #require(first.csvFile)
            try FileManager.default.moveItem(
                atPath: workspace.outbox + "/" + csv, toPath: workspace.outbox + "/." + csv + ".tmp")
            try await Self.pretendCrash(workspace, file: csv)
            let second = try await makeExporter(url, workspace).exportArticles()
            #expect(second.csvFile == nil)
            #expect(try workspace.allOutboxFiles().filter { $0.contains(".csv") } == [csv])
        }
    }

    @Test func aCrashBeforeTheCSVWasArchivedWritesTheRowsAgain() async throws {
        let workspace = try Workspace()
        try await withSimulator { _, url in
            _ = try await makeExporter(url, workspace).exportArticles()
            try await Self.pretendCrash(workspace, file: "articles-never-written.csv")
            let second = try await makeExporter(url, workspace).exportArticles()
            let csv = try #require(second.csvFile)
            let rows = try String(contentsOfFile: workspace.outbox + "/" + csv, encoding: .utf8).split(
                separator: "\r\n")
            #expect(rows.count == 36)  // the header and the 35 articles whose rows had not reached a file
            #expect(second.written.isEmpty, "their XML files were written: only the owed rows are")
            // The owed rows are settled in the new file: none is pending, and the next run writes no CSV.
            let store = try StateDatabase(folder: workspace.state).store(goodsOwner: "ACME")
            #expect(try await store.csvPending(.article).isEmpty)
            #expect(try await makeExporter(url, workspace).exportArticles().csvFile == nil)
        }
    }

    @Test func anOwedRowOfAnObjectChangedSinceIsWrittenOnceWithItsNewFile() async throws {
        let workspace = try Workspace()
        try await withSimulator { store, url in
            _ = try await makeExporter(url, workspace).exportArticles()
            try await Self.pretendCrash(workspace, file: "articles-never-written.csv")
            await store.editProduct(1006) { $0 = $0.setting("Name", to: "Telt, nytt navn") }
            let second = try await makeExporter(url, workspace).exportArticles()
            #expect(second.written.count == 1, "the changed article gets a new XML file, the others only their rows")
            let csv = try #require(second.csvFile)
            let rows = try String(contentsOfFile: workspace.outbox + "/" + csv, encoding: .utf8).split(
                separator: "\r\n")
            #expect(rows.count == 36, "the header and one row per article, the changed one's once")
            #expect(rows.filter { $0.contains("Telt, nytt navn") }.count == 1)
            let state = try StateDatabase(folder: workspace.state).store(goodsOwner: "ACME")
            #expect(try await state.csvPending(.article).isEmpty)
        }
    }

    @Test func rowsAreNamedWithTheRunsFileFromTheStartAndSettledWhenItIsCommitted() async throws {
        let workspace = try Workspace()
        try await withSimulator { _, url in
            let first = try await makeExporter(url, workspace).exportArticles()
            let csv = try #require(first.csvFile)
            let store = try StateDatabase(folder: workspace.state).store(goodsOwner: "ACME")
            #expect(try await store.csvPending(.article).isEmpty)
            // Put the rows back to pending in that committed file: recovery finds the file and settles them.
            try await Self.pretendCrash(workspace, file: csv)
            #expect(try await store.csvPending(.article).map(\.file) == Array(repeating: csv, count: 35))
            #expect(try await makeExporter(url, workspace).exportArticles().csvFile == nil)
            #expect(try await store.csvPending(.article).isEmpty)
        }
    }
}

/// An order whose DeliveryDate comes from the export time keeps the date it was first exported with: it is written
/// again only when its content changes, and then with that same date.
@Suite struct PinnedDeliveryDateTests {
    @Test func anUndatedOrderIsNotRewrittenAsTimePassesAndKeepsItsFirstDate() async throws {
        let workspace = try Workspace()
        let row = InvoiceRow(productId: 1001, rowId: 1, name: "Telt", quantity: 2, type: .normal, productNo: "TELT")
        let erp = MemoryERP(orders: [
            InvoiceOrder(orderId: 5100, customerId: 20001, orderStatus: .confirmed, rows: [row], referenceNumber: "R1")
        ])
        let clock = TestClock()
        let export = { () async throws -> ExportSummary in
            try await makeOwner(erp, ownerSettings(workspace), state: workspace.state, now: { clock.now })
                .exporter.exportOrders()
        }
        let first = try await export()
        #expect(first.written.count == 1)
        clock.advance(by: 3 * 86_400)
        let second = try await export()
        #expect(second.written.isEmpty && second.unchanged == 1)
        await erp.edit(5100) { $0.referenceNumber = "R2" }
        clock.advance(by: 86_400)
        let third = try await export()
        #expect(third.written.count == 1)
        let dates = try [first.written[0], third.written[0]].map { name in
            let xml = try String(contentsOfFile: workspace.outbox + "/" + name, encoding: .utf8)
            return try #require(xml.firstMatch(of: /<DeliveryDate>([^<]+)<\/DeliveryDate>/)?.1).description
        }
        #expect(dates[0] == dates[1], "\(dates)")
    }
}
