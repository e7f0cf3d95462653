import Foundation
import OngoingFiles
import Testing

/// Inbox files are recognised by content and streamed as items; bad ones are refused with a reason.
@Suite struct InboundFileTests {
    static let samples: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("samples/wms").path
    }()

    static func items(_ file: String) throws -> ([InboundItem], [RowProblem]) {
        var items: [InboundItem] = []
        let problems = try InboundFile.read(path: samples + "/" + file, name: file) { items.append($0) }
        return (items, problems)
    }

    static func write(_ text: String, _ name: String = "input") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func sampleShipmentsReadInBothFormats() throws {
        let (xml, xmlProblems) = try Self.items("shipments.xml")
        #expect(xmlProblems.isEmpty)
        guard case .shipment(let sent) = xml.first else {
            Issue.record("no shipment")
            return
        }
        #expect(sent.orderNumber == "5007" && sent.statusNumber == 450 && sent.wayBill == "70701234567890")
        #expect(sent.lines.map(\.externalOrderLineCode) == ["1", "2", "3"])
        guard case .shipment(let picked) = xml[1] else {
            Issue.record("no second shipment")
            return
        }
        #expect(picked.shippedTime == nil && picked.lines.first?.picked == 5)

        let (csv, csvProblems) = try Self.items("shipments.csv")
        #expect(csvProblems.isEmpty)
        #expect(csv.count == 2)
        guard case .shipment(let first) = csv.first else {
            Issue.record("no CSV shipment")
            return
        }
        #expect(first.orderNumber == "5010" && first.lines.map(\.picked) == [3, 2])
        #expect(try InboundFile.detect(path: Self.samples + "/shipments.csv", name: "s") == .shipment)
    }

    @Test func sampleStockAndAcknowledgementsRead() throws {
        let (xml, _) = try Self.items("stock.xml")
        #expect(xml.count == 5)
        guard case .stock(let line) = xml.first else {
            Issue.record("no stock")
            return
        }
        #expect(line.articleNumber == "TUR-100-BL" && line.productCode == "1001" && line.sellable == 21)
        let (csv, _) = try Self.items("stock.csv")
        #expect(csv.count == 4)
        let (ack, _) = try Self.items("acknowledgement.xml")
        #expect(
            ack == [
                .acknowledgement(
                    ImportAcknowledgement(
                        success: true, errorMessage: nil, orderNumber: "5016", ongoingOrderId: 880116,
                        location: "ProcessOrderResult 1 (line 4)"))
            ])
    }

    @Test func badRowsAreReportedAndTheRestIsRead() throws {
        let path = try Self.write(
            "ArticleNumber;SellableNumberOfItems\r\nA-1;5\r\nA-2;five\r\nA-3;-4\r\n;7\r\nA-4;99999999999\r\nA-5;2,5\r\nA-6\r\n"
        )
        var items: [InboundItem] = []
        let problems = try InboundFile.read(path: path, name: "stock.csv") { items.append($0) }
        // A negative stock figure is well-formed (the WMS's sellable stock goes below zero): read, reported later.
        #expect(items.count == 3)
        #expect(problems.map(\.location) == ["line 3", "line 5", "line 6", "line 8"])
        #expect(problems[0].reason.contains("\"five\" is not a number"))
    }

    @Test(arguments: [
        ("5", true), ("12,5", true), ("12.5", true), ("-4", true), ("+4", true), ("0,250", true), ("1000", true),
        ("1.2.3", false), ("12-3", false), ("1,000.5", false), ("1,000", false), ("1e3", false), ("12.", false),
        (".5", false), ("1 000", false), ("١٢", false), ("--3", false), ("-", false), ("+", false), (".", false),
        ("5-", false), ("+-1", false), ("12-34", false),
    ])
    func numbersAreReadStrictly(text: String, wellFormed: Bool) throws {
        let path = try Self.write("ArticleNumber;SellableNumberOfItems\r\nA-1;\(text)\r\n")
        var items: [InboundItem] = []
        let problems = try InboundFile.read(path: path, name: "stock.csv") { items.append($0) }
        #expect(problems.isEmpty == wellFormed, "\(text): \(problems)")
        #expect(items.count == (wellFormed ? 1 : 0))
    }

    @Test(arguments: [
        ("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><GetInventoryByQueryResponse/>", "DOCTYPE"),
        ("<Orders><Order/></Orders>", "the root element is Orders"),
        ("<GetOrdersByQueryResponse><GetOrdersByQueryResult><Orders><Order>", "line"),
        ("GoodsOwnerOrderNumber,OrderStatusNumber,ShippedTime,WayBill\n1,450,,\n", "separated by ;"),
        ("ArticleNumber;Quantity\nA;1\n", "neither a shipment header"),
        ("", "empty"),
        ("   \n\n", "empty"),
        (
            "<GetInventoryByQueryResponse><GetInventoryByQueryResult><InventoryLines/></GetInventoryByQueryResult></GetInventoryByQueryResponse>",
            "no InventoryLine"
        ),
    ])
    func wholeFilesAreRefusedWithAReason(_ text: String, _ reason: String) throws {
        let path = try Self.write(text)
        do {
            _ = try InboundFile.read(path: path, name: "bad") { _ in }
            Issue.record("accepted: \(text)")
        } catch let error as InboundFileError {
            #expect(error.description.contains(reason), "\(error)")
        }
    }

    @Test func nonUTF8CSVIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).csv").path
        let bytes =
            Array("ArticleNumber;SellableNumberOfItems\r\nK\u{F8}".utf8.prefix(38)) + [0xF8] + Array(";1\r\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: InboundFileError.self) { _ = try InboundFile.read(path: path, name: "latin1.csv") { _ in } }
    }

    @Test func aByteOrderMarkIsAccepted() throws {
        let path = try Self.write("\u{FEFF}ArticleNumber;SellableNumberOfItems\r\nA-1;5\r\n")
        var count = 0
        _ = try InboundFile.read(path: path, name: "bom.csv") { _ in count += 1 }
        #expect(count == 1)
    }
}
