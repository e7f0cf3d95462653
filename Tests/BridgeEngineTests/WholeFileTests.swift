import BridgeEngine
import Foundation
import Testing
import TwentyFourSevenSimulator

/// A file is valid or invalid as a whole: one malformed row and nothing of it reaches 24SevenOffice, with every
/// malformed row (up to a hundred) named in the error file.
///
/// A well-formed row about an unknown order is not malformed: it is reported, and the report says that 24SevenOffice
/// refused it.
@Suite struct WholeFileTests {
    static let head = "GoodsOwnerOrderNumber;OrderStatusNumber;ShippedTime;WayBill\r\n"

    @Test func aMalformedSecondRowKeepsTheFirstRowsOrderFromBeingSent() async throws {
        try await withSimulator { store, url in
            let rig = try await InboxRig(url, try Workspace())
            try rig.drop("ship.csv", Self.head + "5007;450;;W1\r\n5008;4x0;;W2\r\n5010;450;yesterday;W3\r\n")
            let (outcomes, _) = try await rig.cycle()
            #expect(outcomes.map(\.result) == [.rejected])
            #expect(await store.writes.isEmpty)
            #expect(await store.orderStatus(5007) != "OrderState_Sent")
            let error = try String(contentsOfFile: rig.inbox + "/failed/ship.csv.error.txt", encoding: .utf8)
            #expect(error.contains("line 3") && error.contains("\"4x0\" is not a status number"), "\(error)")
            #expect(error.contains("line 4") && error.contains("\"yesterday\" is not a date"), "\(error)")
            #expect(error.contains("Nothing from this file was written to 24SevenOffice"))
        }
    }

    @Test func theErrorFileListsAtMostAHundredMalformedRows() async throws {
        try await withSimulator { _, url in
            let rig = try await InboxRig(url, try Workspace())
            let rows = (1...150).map { "A-\($0);1.2.3\r\n" }.joined()
            try rig.drop("stock.csv", "ArticleNumber;SellableNumberOfItems\r\n" + rows)
            _ = try await rig.cycle()
            let error = try String(contentsOfFile: rig.inbox + "/failed/stock.csv.error.txt", encoding: .utf8)
            #expect(error.split(separator: "\n").filter { $0.contains("is not a number") }.count == 100)
            #expect(error.contains("and 50 more malformed rows"), "\(error.suffix(200))")
        }
    }

    @Test func anUnknownOrderIsReportedAndItsRefusalIsInTheReport() async throws {
        try await withSimulator { store, url in
            let rig = try await InboxRig(url, try Workspace())
            try rig.drop("ship.csv", Self.head + "5007;450;;W1\r\n999999;450;;W2\r\nPO-17;450;;W3\r\n")
            let (outcomes, summary) = try await rig.cycle()
            #expect(outcomes.map(\.result) == [.processed])
            #expect(await store.writes.map(\.id) == [5007])
            #expect(summary.refused.count == 1)
            let report = try String(contentsOfFile: rig.inbox + "/processed/ship.csv.report.txt", encoding: .utf8)
            #expect(report.contains("PO-17 is not a 24SevenOffice OrderId"), "\(report)")
            #expect(report.contains("write-back refused by 24SevenOffice") && report.contains("999999"), "\(report)")
        }
    }
}
