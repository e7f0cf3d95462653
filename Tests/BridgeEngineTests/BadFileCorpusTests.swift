import BridgeEngine
import Foundation
import Testing
import TwentyFourSevenSimulator

/// A corpus of broken, hostile and half-written inbox files: each ends in `failed/` with a reason or in
/// `processed/` with its bad rows reported, none causes an ERP write, and processing carries on.
@Suite struct BadFileCorpusTests {
    static let shipmentHead = "GoodsOwnerOrderNumber;OrderStatusNumber;ShippedTime;WayBill"
    static let stockHead = "ArticleNumber;SellableNumberOfItems"
    static let ordersOpen = "<GetOrdersByQueryResponse><GetOrdersByQueryResult><Orders>"
    static let ordersClose = "</Orders></GetOrdersByQueryResult></GetOrdersByQueryResponse>"
    static let stockOpen = "<GetInventoryByQueryResponse><GetInventoryByQueryResult><InventoryLines>"
    static let stockClose = "</InventoryLines></GetInventoryByQueryResult></GetInventoryByQueryResponse>"

    static func order(_ number: String, _ status: String, lines: String = "") -> String {
        "<Order><OrderInfo><GoodsOwnerOrderNumber>\(number)</GoodsOwnerOrderNumber><OrderStatusNumber>\(status)</OrderStatusNumber></OrderInfo><PickedOrderLines>\(lines)</PickedOrderLines></Order>"
    }

    static func line(_ article: String, _ sellable: String) -> String {
        "<InventoryLine><Article><ArticleNumber>\(article)</ArticleNumber></Article><SellableNumberOfItems>\(sellable)</SellableNumberOfItems></InventoryLine>"
    }

    /// Name, content; every file here must cause no write to 24SevenOffice.
    static let corpus: [(String, [UInt8])] = {
        var files: [(String, String)] = [
            ("01-truncated.xml", ordersOpen + order("5007", "450")),
            ("02-wrong-root.xml", "<Orders>" + order("5007", "450") + "</Orders>"),
            (
                "03-billion-laughs.xml",
                "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>" + ordersOpen
                    + order("&b;", "450") + ordersClose
            ),
            (
                "04-xxe.xml",
                "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + ordersOpen + order("&x;", "450")
                    + ordersClose
            ),
            (
                "05-parameter-entity.xml",
                "<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/x.dtd\"> %p;]>" + ordersOpen + ordersClose
            ),
            (
                "06-external-dtd.xml",
                "<!DOCTYPE GetOrdersByQueryResponse SYSTEM \"http://127.0.0.1:9/x.dtd\">" + ordersOpen + ordersClose
            ),
            ("07-empty.xml", ""),
            ("08-whitespace.csv", "  \r\n\r\n"),
            ("09-missing-order-number.xml", ordersOpen + order("", "450") + ordersClose),
            ("10-status-not-a-number.xml", ordersOpen + order("5007", "sent") + ordersClose),
            (
                "11-negative-picked.xml",
                ordersOpen
                    + order(
                        "5008", "400",
                        lines:
                            "<PickedOrderLine><ExternalOrderLineCode>1</ExternalOrderLineCode><PickedNumberOfItems>-3</PickedNumberOfItems></PickedOrderLine>"
                    ) + ordersClose
            ),
            (
                "12-huge-picked.xml",
                ordersOpen
                    + order(
                        "5008", "400",
                        lines:
                            "<PickedOrderLine><ExternalOrderLineCode>1</ExternalOrderLineCode><PickedNumberOfItems>1e15</PickedNumberOfItems></PickedOrderLine>"
                    ) + ordersClose
            ),
            ("13-unknown-order.xml", ordersOpen + order("99999", "450") + ordersClose),
            ("14-non-numeric-order.xml", ordersOpen + order("ABC-1", "450") + ordersClose),
            ("15-stock-negative.xml", stockOpen + line("TUR-100-BL", "-5") + stockClose),
            ("16-stock-huge.xml", stockOpen + line("TUR-100-BL", "99999999999999") + stockClose),
            ("17-stock-not-number.xml", stockOpen + line("TUR-100-BL", "many") + stockClose),
            ("18-stock-unknown-article.xml", stockOpen + line("NO-SUCH-ARTICLE", "4") + stockClose),
            (
                "19-stock-no-key.xml",
                stockOpen + "<InventoryLine><SellableNumberOfItems>4</SellableNumberOfItems></InventoryLine>"
                    + stockClose
            ),
            (
                "20-ack-bad-success.xml",
                "<ProcessOrderResponse><ProcessOrderResult><GoodsOwnerOrderNumber>5016</GoodsOwnerOrderNumber><Success>maybe</Success></ProcessOrderResult></ProcessOrderResponse>"
            ),
            ("21-no-items.xml", ordersOpen + ordersClose),
            ("22-too-deep.xml", String(repeating: "<a>", count: 40) + String(repeating: "</a>", count: 40)),
            ("23-comment-only.xml", "<!-- nothing here -->"),
            ("24-html.xml", "<html><body><h1>502 Bad Gateway</h1></body></html>"),
            ("25-json.json", "{\"orders\": [{\"number\": 5007, \"status\": 450}]}"),
            (
                "26-soap-fault.xml",
                "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>x</faultstring></soap:Fault></soap:Body></soap:Envelope>"
            ),
            ("27-comma-separated.csv", "GoodsOwnerOrderNumber,OrderStatusNumber,ShippedTime,WayBill\r\n5007,450,,\r\n"),
            ("28-tab-separated.csv", "ArticleNumber\tSellableNumberOfItems\r\nTUR-100-BL\t3\r\n"),
            ("29-missing-columns.csv", "ArticleNumber\r\nTUR-100-BL\r\n"),
            ("30-extra-column.csv", stockHead + ";Colour\r\nTUR-100-BL;3;blue\r\n"),
            ("31-columns-swapped.csv", "SellableNumberOfItems;ArticleNumber\r\n3;TUR-100-BL\r\n"),
            ("32-short-row.csv", stockHead + "\r\nTUR-100-BL\r\n"),
            ("33-unclosed-quote.csv", stockHead + "\r\n\"TUR-100-BL;3\r\n"),
            ("34-negative-stock.csv", stockHead + "\r\nTUR-100-BL;-1\r\n"),
            ("35-huge-stock.csv", stockHead + "\r\nTUR-100-BL;1000000000000\r\n"),
            ("36-bad-date.csv", shipmentHead + "\r\n5007;450;yesterday;W1\r\n"),
            ("37-status-word.csv", shipmentHead + "\r\n5007;Sent;;W1\r\n"),
            ("38-unknown-article.csv", "\u{FEFF}" + stockHead + "\r\nGHOST-1;3\r\n"),
            ("39-header-only.csv", shipmentHead + "\r\n"),
            ("40-only-a-newline.csv", "\n"),
            (
                "41-picked-without-line-code.csv",
                shipmentHead + ";ExternalOrderLineCode;PickedNumberOfItems\r\n5008;400;;;;2\r\n"
            ),
            ("42-number-with-letters.csv", stockHead + "\r\nTUR-100-BL;12abc\r\n"),
            ("43-unknown-status-value.csv", shipmentHead + "\r\n5007;450000;;\r\n"),
            ("44-order-number-too-long.csv", shipmentHead + "\r\n" + String(repeating: "9", count: 300) + ";450;;\r\n"),
            ("45-long-line.csv", stockHead + "\r\n" + String(repeating: "A", count: 1_100_000) + ";1\r\n"),
        ]
        files.append(("09-missing-order-number-copy.xml", files[8].1))  // a re-drop of file 09
        var result = files.map { ($0.0, Array($0.1.utf8)) }
        result.append(("46-latin1.csv", Array((stockHead + "\r\nSK").utf8) + [0xD8] + Array(";3\r\n".utf8)))
        result.append(
            (
                "47-latin1.xml",
                Array((stockOpen + "<InventoryLine><Article><ArticleNumber>").utf8) + [0xC6, 0xD8]
                    + Array(
                        ("</ArticleNumber></Article><SellableNumberOfItems>1</SellableNumberOfItems></InventoryLine>"
                            + stockClose).utf8)
            ))
        result.append(("48-nul-bytes.csv", Array(stockHead.utf8) + [0x0D, 0x0A, 0x00, 0x00, 0x3B, 0x31]))
        result.append(("49-binary.xml", (0..<512).map { UInt8(($0 * 37 + 11) % 256) }))
        return result
    }()

    @Test func everyBadFileEndsWithAReasonAndNoneWritesToTheERP() async throws {
        try await withSimulator { store, url in
            let workspace = try Workspace()
            _ = try await makeExporter(url, workspace).exportArticles()
            let rig = try await InboxRig(url, workspace)
            for (name, bytes) in Self.corpus { try rig.drop(name, bytes: bytes) }
            // Half-written files and markers are left alone.
            try rig.drop("50-upload.csv.part", Self.stockHead + "\r\nTUR-100-BL;1")
            try rig.drop("51-upload.csv.tmp", Self.stockHead + "\r\nTUR-100-BL;1")
            try rig.drop(".52-hidden.csv", Self.stockHead + "\r\nTUR-100-BL;1")
            await store.clearLogs()
            let (outcomes, summary) = try await rig.cycle()
            #expect(Self.corpus.count >= 45)
            #expect(outcomes.count == Self.corpus.count)
            let writes = await store.writes
            #expect(writes.isEmpty, "unexpected ERP writes: \(writes)")
            #expect(summary.written.isEmpty)
            let failed = try rig.files("failed")
            let processed = try rig.files("processed")
            for (name, _) in Self.corpus {
                if failed.contains(name) {
                    let reason = try String(
                        contentsOfFile: rig.inbox + "/failed/" + name + ".error.txt", encoding: .utf8)
                    #expect(reason.count > 20, "\(name): \(reason)")
                } else if processed.contains(name) {
                    let outcome = try #require(outcomes.first { $0.name == name })
                    let reported =
                        !outcome.problems.isEmpty || summary.refused.contains { $0.hasPrefix(name) }
                        || outcome.detail.contains("0 orders read")
                    #expect(reported, "\(name) processed without a report: \(outcome)")
                } else {
                    Issue.record("\(name) is neither in failed nor in processed")
                }
            }
            #expect(
                try rig.files("").sorted() == [
                    ".52-hidden.csv", "50-upload.csv.part", "51-upload.csv.tmp", "failed", "processed",
                ])
            let duplicate = try String(
                contentsOfFile: rig.inbox + "/failed/09-missing-order-number-copy.xml.error.txt", encoding: .utf8)
            #expect(duplicate.contains("the same content was taken before"))
            let entity = try String(contentsOfFile: rig.inbox + "/failed/04-xxe.xml.error.txt", encoding: .utf8)
            #expect(!entity.contains("root:"))  // nothing of /etc/passwd leaks into the error file
        }
    }
}
