import BridgeModel
import Foundation
import OngoingFiles
import Testing
import XMLStream

/// Records mapped from 24SevenOffice objects become documents that validate against the Ongoing schema.
@Suite struct OngoingXMLWriterTests {
    // swift-format-ignore: NeverUseForceTry
    // A fixture that cannot load is a broken checkout; failing at load names it.
    static let schema = try! OngoingSchema.bundled()
    // swift-format-ignore: NeverUseForceTry
    static let validator = try! XMLSchemaValidator(
        wsdl: schema.wsdl, targetNamespace: OngoingSchema.namespace, name: "ongoing.wsdl",
        globalElements: ["Supplier": "Supplier"])
    // swift-format-ignore: NeverUseForceTry
    static let mapper = try! RecordMapper(table: .standard())
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func check(_ record: OngoingRecord) throws -> XMLElement {
        let bytes = try OngoingXMLWriter(schema: schema).document(for: record, goodsOwnerCode: "ACME")
        let problems = validator.validate(bytes, document: record.key)
        #expect(problems.isEmpty, "\(problems)\n\(String(decoding: bytes, as: UTF8.self))")
        return try XMLElement.parse(bytes, document: record.key)
    }

    static let order = InvoiceOrder(
        orderId: 5007, customerId: 20004, customerName: "Fjellsport AS", customerDeliveryName: "Fjellsport AS, lager",
        addresses: Addresses(
            delivery: Address(
                street: "Storgata 1", state: "Viken", postalCode: "0155", postalArea: "OSLO", country: "Norge"),
            invoice: Address(street: "Postboks 10", postalCode: "0101", postalArea: "OSLO", country: "no")),
        orderStatus: .confirmed, dateOrdered: Date(timeIntervalSince1970: 1_794_000_000),
        yourReference: "Kari Nordmann",
        invoiceTitle: "Leveres bakdør", invoiceEmailAddress: nil,
        rows: [
            InvoiceRow(productId: 1010, rowId: 1, name: "Sekk", quantity: 2, type: .normal, productNo: "TUR-100-BL"),
            InvoiceRow(rowId: 2, name: "Husk kvittering", type: .text),
            InvoiceRow(productId: 1010, rowId: 3, name: "Sekk", quantity: Decimal(string: "1.5"), type: .normal),
            InvoiceRow(productId: 1006, rowId: 4, name: "Null", quantity: 0, type: .normal),
        ],
        deliveryDate: nil, referenceNumber: "PO-7781",
        deliveryMethod: DeliveryMethod(id: 2, description: "PostNord MyPack"))

    @Test func articleValidatesAndKeepsSchemaOrder() throws {
        let product = Product(
            id: 1019, number: "KAFFE-19", name: "Kaffekjele & kopper <4-pk>", description: nil, ean: "7090000000011",
            weight: Decimal(string: "1.25"))
        let root = try Self.check(try #require(Self.mapper.article(product).record))
        let art = try #require(root.child("art"))
        #expect(
            art.children.map(\.name) == [
                "ArticleOperation", "ArticleIdentification", "ArticleSystemId", "ArticleNumber", "ArticleName",
                "ProductCode",
                "BarCode", "Weight", "IsStockArticle",
            ])
        #expect(art.value("ArticleName") == "Kaffekjele & kopper <4-pk>")
        #expect(art.child("ArticleDescription") == nil)  // empty optional fields are left out
        #expect(root.value("GoodsOwnerCode") == "ACME")
    }

    @Test func orderValidatesWithLinesFallbacksAndCountryCodes() throws {
        let company = Company(
            id: 20004, phoneNumbers: ["Mobile": "+47 900 00 001", "Work": "22 00 00 01"],
            emailAddresses: ["Primary": "post@fjellsport.no", "Work": "lager@fjellsport.no"])
        let mapped = Self.mapper.order(
            Self.order,
            context: RecordMapper.OrderContext(
                companies: [20004: company], articleNumbers: [1010: "TUR-100-BL"], exportTime: Self.now))
        let record = try #require(mapped.record)
        #expect(mapped.notices.contains { $0.contains("quantity 0") })
        let co = try #require(try Self.check(record).child("co"))
        let info = try #require(co.child("OrderInfo"))
        #expect(info.value("GoodsOwnerOrderNumber") == "5007")
        #expect(info.value("DeliveryDate") == "2026-11-06T21:20:00Z")  // DateOrdered: the delivery date is absent
        #expect(info.child("WayOfDeliveryType")?.value("Code") == "2")
        let customer = try #require(co.child("Customer"))
        #expect(customer.value("CountryCode") == "NO")
        #expect(customer.child("InvoiceAddress")?.value("CountryCode") == "NO")
        #expect(customer.value("MobilePhone") == "+47 900 00 001")
        #expect(customer.value("TelePhone") == "22 00 00 01")
        #expect(customer.value("Email") == "post@fjellsport.no")
        let lines = co.child("CustomerOrderLines")?.children("CustomerOrderLine") ?? []
        #expect(lines.map { $0.value("ExternalOrderLineCode") } == ["1", "3"])
        #expect(lines.map { $0.value("NumberOfItems") } == ["2", "1.5"])
        #expect(lines.allSatisfy { $0.value("ArticleNumber") == "TUR-100-BL" && $0.value("ProductCode") == "1010" })
    }

    /// A writer whose plans know fewer paths than a record holds walks the schema for it, and writes the same bytes as
    /// the plan of a writer that knows them all: no value is dropped, for the order itself or for one of its lines.
    @Test func aRecordWithPathsThePlanDoesNotKnowIsWrittenByTheSchemaWalk() throws {
        let mapped = Self.mapper.order(
            Self.order,
            context: RecordMapper.OrderContext(
                companies: [:], articleNumbers: [1010: "TUR-100-BL"], exportTime: Self.now))
        let record = try #require(mapped.record)
        let standard = MappingTable.standard(variants: true)
        let planned = try OngoingXMLWriter(schema: Self.schema, table: standard).document(
            for: record, goodsOwnerCode: "A")
        let withoutLines = MappingTable(rows: standard.rows.filter { $0.kind != .orderLine })
        for table in [MappingTable(rows: []), withoutLines] {
            let walked = try OngoingXMLWriter(schema: Self.schema, table: table).document(
                for: record, goodsOwnerCode: "A")
            #expect(String(decoding: walked, as: UTF8.self) == String(decoding: planned, as: UTF8.self))
        }
        #expect(String(decoding: planned, as: UTF8.self).contains("<ArticleNumber>TUR-100-BL</ArticleNumber>"))
    }

    @Test func supplierValidatesUnderItsOwnRoot() throws {
        let company = Company(
            id: 20002, name: "Fjällmark Outdoor AB", type: .supplier,
            addresses: Addresses(
                post: Address(street: "Storgatan 5", postalCode: "831 30", postalArea: "Östersund", country: "Sverige"))
        )
        let record = try #require(Self.mapper.supplier(company)?.record)
        let root = try Self.check(record)
        #expect(root.name == "Supplier")
        #expect(root.child("Address")?.value("City") == "Östersund")
        #expect(root.child("Address")?.value("CountryCode") == "SE")
        #expect(Self.mapper.supplier(Company(id: 1, type: .business)) == nil)
    }

    @Test func csvHasDottedHeadersOneRowPerLineAndQuoting() throws {
        let table = MappingTable.standard()
        let writer = OngoingCSVWriter(kind: .order, table: table)
        let record = try #require(
            Self.mapper.order(Self.order, context: RecordMapper.OrderContext(exportTime: Self.now)).record)
        let header = writer.header()
        #expect(header.hasPrefix("OrderInfo.GoodsOwnerOrderNumber;"))
        #expect(header.contains(";Customer.InvoiceAddress.PostCode;"))
        #expect(
            header.hasSuffix(
                "CustomerOrderLine.NumberOfItems;CustomerOrderLine.OrderLineIdentification;CustomerOrderLine.ArticleIdentification;CustomerOrderLine.ArticleNumber\r\n"
            ))
        let rows = writer.rows(for: record).split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.hasPrefix("5007;") })
        #expect(
            OngoingCSVWriter(kind: .article, table: table).rows(
                for: OngoingRecord(kind: .article, key: "a", values: ["ArticleName": "Tau; 10 m \"Pro\""])
            ).contains("\"Tau; 10 m \"\"Pro\"\"\""))
    }

    @Test func fileNamesAreSanitisedAndStamped() {
        let record = OngoingRecord(kind: .article, key: "JAKKE/200 RØD*M")
        #expect(OutboxFileName.xml(record, at: Self.now) == "article-JAKKE_200_R_D_M-20261118T110640000Z.xml")
        #expect(OutboxFileName.sanitised("..") == "_..")
        #expect(OutboxFileName.csv(.order, at: Self.now) == "orders-20261118T110640000Z.csv")
    }

    @Test func extraFieldPathsAreCheckedAgainstTheSchema() {
        #expect(Self.schema.hasField("CustomerOrderLine.LinePrice", for: .order))
        #expect(Self.schema.hasField("OrderInfo.DeliveryDate", for: .order))
        #expect(!Self.schema.hasField("OrderInfo.NoSuchThing", for: .order))
        #expect(!Self.schema.hasField("OrderInfo", for: .order))  // a complex element is not a field
        #expect(Self.schema.hasField("Address.Email", for: .supplier))
    }
}
