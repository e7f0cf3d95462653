import BridgeEngine
import BridgeModel
import Foundation
import Testing
import TwentyFourSevenSimulator

/// Shipment, stock and acknowledgement files, XML and CSV, against the simulator: the exact ERP calls.
@Suite struct InboxTests {
    @Test func shipmentsXMLSetSentOnceAndRecordPickedLines() async throws {
        try await withSimulator { store, url in
            let rig = try await InboxRig(url, try Workspace())
            try rig.dropSample("shipments.xml")
            await store.clearLogs()
            let (outcomes, summary) = try await rig.cycle()
            #expect(outcomes.map(\.result) == [.processed])
            #expect(
                await store.writes == [
                    SimulatorWrite(operation: "SaveInvoices", id: 5007, value: "OrderState_Sent"),
                    SimulatorWrite(operation: "SaveInvoices", id: 5013, value: "OrderState_Sent"),
                ])
            #expect(await store.calls.filter { $0.operation == "SaveInvoices" }.count == 1)  // one batched call
            #expect(summary.written.count == 2 && summary.refused.isEmpty)
            let picked = try await rig.store.pickedLines().filter { $0.orderNumber == "5008" }
            #expect(
                picked.map(\.lineCode) == ["1", "3"] && picked.first?.picked == "5" && picked.first?.statusNumber == 400
            )
            #expect(try rig.files("processed") == ["shipments.xml"])
        }
    }

    @Test func shipmentsCSVAndAnOrderAlreadySentCausesNoCall() async throws {
        try await withSimulator { store, url in
            let rig = try await InboxRig(url, try Workspace())
            try rig.dropSample("shipments.csv")
            try await rig.cycle()
            #expect(await store.writes.map(\.id) == [5010, 5011])
            await store.clearLogs()
            try rig.drop("again.csv", "GoodsOwnerOrderNumber;OrderStatusNumber;ShippedTime;WayBill\r\n5010;500;;\r\n")
            let (_, summary) = try await rig.cycle()
            #expect(summary.skipped == 1 && summary.written.isEmpty)
            #expect(await store.writes.isEmpty)
            #expect(await store.calls.map(\.operation).contains("SaveInvoices") == false)
        }
    }

    @Test func invoicedAndUnknownOrdersAreReportedNotWritten() async throws {
        try await withSimulator { store, url in
            let rig = try await InboxRig(url, try Workspace())
            try rig.drop(
                "odd.csv",
                "GoodsOwnerOrderNumber;OrderStatusNumber;ShippedTime;WayBill\r\n5001;450;;\r\n99999;450;;\r\n5004;450;;\r\n"
            )
            let (_, summary) = try await rig.cycle()
            #expect(await store.writes.isEmpty)
            #expect(await !store.calls.map(\.operation).contains("SaveInvoices"))
            #expect(summary.refused.count == 2)
            #expect(summary.refused.contains { $0.contains("5001 is invoiced") })
            #expect(summary.refused.contains { $0.contains("99999 is not in 24SevenOffice") })
            #expect(summary.skipped == 1)  // 5004 is already OrderState_Sent
            let refused = try await rig.store.writeBacks(in: [.refused])
            #expect(refused.count == 2)
        }
    }

    @Test func stockInBothFormatsWritesOnlyDifferences() async throws {
        try await withSimulator { store, url in
            let rig = try await InboxRig(url, try Workspace())
            try rig.dropSample("stock.xml")
            try rig.dropSample("stock.csv")
            let (outcomes, _) = try await rig.cycle()
            #expect(outcomes.allSatisfy { $0.result == .processed })
            #expect(
                await store.writes.sorted { $0.id < $1.id } == [
                    SimulatorWrite(operation: "SetStockQuantity", id: 1001, value: "21"),
                    SimulatorWrite(operation: "SetStockQuantity", id: 1005, value: "10"),
                    SimulatorWrite(operation: "SetStockQuantity", id: 1011, value: "110"),
                    SimulatorWrite(operation: "SetStockQuantity", id: 1015, value: "7"),
                    SimulatorWrite(operation: "SetStockQuantity", id: 1025, value: "180.5"),
                ])
            #expect(await store.calls.filter { $0.operation == "SetStockQuantity" }.count == 5)
        }
    }

    @Test func theOtherStockFigureCanBeChosen() async throws {
        try await withSimulator { store, url in
            let rig = try await InboxRig(url, try Workspace()) { $0.stockField = .numberOfItems }
            try rig.dropSample("stock.xml")
            try await rig.cycle()
            #expect(await store.writes == [SimulatorWrite(operation: "SetStockQuantity", id: 1001, value: "23")])
        }
    }

    @Test func acknowledgementsSetTheImportStatusWhenConfigured() async throws {
        try await withSimulator { store, url in
            let rig = try await InboxRig(url, try Workspace()) { $0.statusOnImport = .pack }
            try rig.dropSample("acknowledgement.xml")
            try rig.drop(
                "failed-ack.xml",
                "<ProcessOrderResponse><ProcessOrderResult><ErrorMessage>Article SKI-700-180 is blocked</ErrorMessage><GoodsOwnerOrderNumber>5017</GoodsOwnerOrderNumber><OrderId>0</OrderId><Success>false</Success></ProcessOrderResult></ProcessOrderResponse>"
            )
            let (outcomes, _) = try await rig.cycle()
            #expect(await store.writes == [SimulatorWrite(operation: "SaveInvoices", id: 5016, value: "Pack")])
            let failed = try #require(outcomes.first { $0.name == "failed-ack.xml" })
            #expect(
                failed.problems.first?.contains("could not import order 5017: Article SKI-700-180 is blocked") == true)
            #expect(try await rig.store.importFailures().map(\.orderNumber) == ["5017"])

            // Imported after all (the article was unblocked): no longer an import failure, nor an alert.
            try rig.drop(
                "second-ack.xml",
                "<ProcessOrderResponse><ProcessOrderResult><GoodsOwnerOrderNumber>5017</GoodsOwnerOrderNumber><OrderId>77</OrderId><Success>true</Success></ProcessOrderResult></ProcessOrderResponse>"
            )
            try await rig.cycle()
            #expect(try await rig.store.importFailures().isEmpty)
        }
    }

    @Test func aReDroppedFileIsRecognisedAndCausesNoWrite() async throws {
        try await withSimulator { store, url in
            let rig = try await InboxRig(url, try Workspace())
            try rig.dropSample("stock.csv")
            try await rig.cycle()
            try rig.dropSample("stock.csv", as: "stock-copy.csv")
            await store.clearLogs()
            let (outcomes, _) = try await rig.cycle()
            #expect(outcomes.map(\.result) == [.duplicate])
            #expect(await store.writes.isEmpty)
            #expect(try rig.files("failed") == ["stock-copy.csv", "stock-copy.csv.error.txt"])
            let reason = try String(contentsOfFile: rig.inbox + "/failed/stock-copy.csv.error.txt", encoding: .utf8)
            #expect(reason.contains("the same content was taken before as stock.csv"))
        }
    }

    @Test func aStockFileThatWouldZeroMostArticlesIsHeldUntilReleased() async throws {
        try await withSimulator { store, url in
            let workspace = try Workspace()
            _ = try await makeExporter(url, workspace).exportArticles()  // the registry knows 35 articles
            let rig = try await InboxRig(url, workspace)
            let rows = (1001...1020).map { "\($0 == 1001 ? "TUR-100-BL" : "X-\($0)");0;\($0)" }.joined(
                separator: "\r\n")
            try rig.drop(
                "zero.csv",
                "ArticleNumber;SellableNumberOfItems;ProductCode;NumberOfItemsDecimal\r\n"
                    + rows.replacingOccurrences(of: "\r\n", with: ";0\r\n") + ";0\r\n")
            let (held, _) = try await rig.cycle()
            #expect(held.map(\.result) == [.held])
            #expect(held.first?.detail.contains("would set 20 of the 35 known articles to zero") == true)
            #expect(await store.writes.isEmpty)
            #expect(try await rig.store.releaseInboxFile(name: "zero.csv"))
            try FileManager.default.moveItem(atPath: rig.inbox + "/failed/zero.csv", toPath: rig.inbox + "/zero.csv")
            let (released, _) = try await rig.cycle()
            #expect(released.map(\.result) == [.processed])
            let zeroBefore = [1002, 1006, 1013]  // 1001-1020 with stock 0 in the sample
            let writes = await store.writes
            #expect(writes.count == 20 - zeroBefore.count, "\(writes)")
        }
    }
}
