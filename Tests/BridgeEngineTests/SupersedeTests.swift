import BridgeEngine
import BridgeModel
import Foundation
import Testing

/// A newer instruction for the same order status or product stock replaces an older one still waiting for a retry:
/// 24SevenOffice ends with the newest value, and the older one is never applied.
@Suite struct SupersedeTests {
    static func runtime(_ erp: MemoryERP, _ workspace: Workspace, clock: TestClock) async throws -> OwnerRuntime {
        try await makeOwner(erp, ownerSettings(workspace), state: workspace.state, now: { clock.now })
    }

    static func drop(_ workspace: Workspace, _ name: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: workspace.root + "/inbox", withIntermediateDirectories: true)
        try text.write(toFile: workspace.root + "/inbox/" + name, atomically: true, encoding: .utf8)
    }

    @Test func aNewerStockFigureSupersedesAnOlderOneWaitingForItsRetry() async throws {
        let workspace = try Workspace()
        let erp = MemoryERP(products: [Product(id: 1001, number: "TUR-100", stock: 24)])
        let clock = TestClock()
        let owner = try await Self.runtime(erp, workspace, clock: clock)
        await erp.setDown(true)
        try Self.drop(
            workspace, "stock-1.csv",
            "ArticleNumber;SellableNumberOfItems;ProductCode;NumberOfItemsDecimal\r\nTUR-100;8;1001;8\r\n")
        _ = await owner.inbox.processReady()
        let first = try await owner.writeBacks.runDue()
        #expect(first.pending == 1 && first.written.isEmpty)
        // While the 8 waits for its retry, the WMS reports 10.
        try Self.drop(
            workspace, "stock-2.csv",
            "ArticleNumber;SellableNumberOfItems;ProductCode;NumberOfItemsDecimal\r\nTUR-100;10;1001;10\r\n")
        _ = await owner.inbox.processReady()
        await erp.setDown(false)
        clock.advance(by: 3600)
        let second = try await owner.writeBacks.runDue()
        #expect(second.written == ["stock of product 1001 corrected from 24 to 10"])
        #expect(await erp.writes == ["stock 1001 10"])
        let journal = try await owner.store.writeBacks(for: WriteBack.Target(.stock, 1001))
        #expect(journal.map(\.value) == ["8", "10"])
        #expect(journal.map(\.state) == [.superseded, .done])
        #expect(journal[0].supersededBy == journal[1].id)
    }

    @Test func sentThenPackEndsAsPack() async throws {
        let workspace = try Workspace()
        let erp = MemoryERP(orders: [InvoiceOrder(orderId: 5007, customerId: 20001, orderStatus: .confirmed)])
        let clock = TestClock()
        let owner = try await makeOwner(
            erp, ownerSettings(workspace) { $0.statusOnImport = .pack }, state: workspace.state, now: { clock.now })
        await erp.setDown(true)
        try Self.drop(
            workspace, "ship.csv", "GoodsOwnerOrderNumber;OrderStatusNumber;ShippedTime;WayBill\r\n5007;450;;W1\r\n")
        _ = await owner.inbox.processReady()
        #expect(try await owner.writeBacks.runDue().pending == 1)
        try Self.drop(
            workspace, "ack.xml",
            """
            <ProcessOrderResponse xmlns="http://ongoingsystems.se/WSI"><ProcessOrderResult><Success>true</Success>\
            <GoodsOwnerOrderNumber>5007</GoodsOwnerOrderNumber><OrderId>1</OrderId></ProcessOrderResult></ProcessOrderResponse>
            """)
        _ = await owner.inbox.processReady()
        await erp.setDown(false)
        clock.advance(by: 3600)
        _ = try await owner.writeBacks.runDue()
        #expect(await erp.writes == ["status 5007 Pack"])
        let journal = try await owner.store.writeBacks(for: WriteBack.Target(.orderStatus, 5007))
        #expect(journal.map(\.state) == [.superseded, .done])
    }
}
